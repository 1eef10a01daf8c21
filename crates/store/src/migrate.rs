//! Embedded schema migrations, one folder per backend, applied in order inside a transaction.

/// One migration file.
pub(crate) struct Migration {
    pub version: i64,
    pub name: &'static str,
    pub sql: &'static str,
}

/// The schema version a database is at and the one this binary expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SchemaVersion {
    /// Highest migration applied.
    pub applied: i64,
    /// Highest migration this binary ships.
    pub expected: i64,
}

impl SchemaVersion {
    /// Whether the database is exactly at this binary's schema.
    pub fn is_current(&self) -> bool {
        self.applied == self.expected
    }
}

/// The latest version in a migration list.
pub(crate) fn latest(migrations: &[Migration]) -> i64 {
    migrations.iter().map(|m| m.version).max().unwrap_or(0)
}

pub(crate) const SQLITE: &[Migration] = &[
    Migration {
        version: 1,
        name: "foundation",
        sql: include_str!("../migrations/sqlite/0001_foundation.sql"),
    },
    Migration {
        version: 2,
        name: "scheduling",
        sql: include_str!("../migrations/sqlite/0002_scheduling.sql"),
    },
    Migration {
        version: 3,
        name: "jobs",
        sql: include_str!("../migrations/sqlite/0003_jobs.sql"),
    },
    Migration {
        version: 4,
        name: "messaging",
        sql: include_str!("../migrations/sqlite/0004_messaging.sql"),
    },
    Migration {
        version: 5,
        name: "knowledge",
        sql: include_str!("../migrations/sqlite/0005_knowledge.sql"),
    },
    Migration {
        version: 6,
        name: "assistant",
        sql: include_str!("../migrations/sqlite/0006_assistant.sql"),
    },
    Migration {
        version: 7,
        name: "clinic_text_index",
        sql: include_str!("../migrations/sqlite/0007_clinic_text_index.sql"),
    },
    Migration {
        version: 8,
        name: "text_index_per_configuration",
        sql: include_str!("../migrations/sqlite/0008_text_index_per_configuration.sql"),
    },
    Migration {
        version: 9,
        name: "conversations_by_contact",
        sql: include_str!("../migrations/sqlite/0009_conversations_by_contact.sql"),
    },
    Migration {
        version: 10,
        name: "canned_replies_and_assignment",
        sql: include_str!("../migrations/sqlite/0010_canned_replies_and_assignment.sql"),
    },
    Migration {
        version: 11,
        name: "unknown_replies_by_channel",
        sql: include_str!("../migrations/sqlite/0011_unknown_replies_by_channel.sql"),
    },
    Migration {
        version: 12,
        name: "job_history",
        sql: include_str!("../migrations/sqlite/0012_job_history.sql"),
    },
];

pub(crate) const POSTGRES: &[Migration] = &[
    Migration {
        version: 1,
        name: "foundation",
        sql: include_str!("../migrations/postgres/0001_foundation.sql"),
    },
    Migration {
        version: 2,
        name: "scheduling",
        sql: include_str!("../migrations/postgres/0002_scheduling.sql"),
    },
    Migration {
        version: 3,
        name: "jobs",
        sql: include_str!("../migrations/postgres/0003_jobs.sql"),
    },
    Migration {
        version: 4,
        name: "messaging",
        sql: include_str!("../migrations/postgres/0004_messaging.sql"),
    },
    Migration {
        version: 5,
        name: "knowledge",
        sql: include_str!("../migrations/postgres/0005_knowledge.sql"),
    },
    Migration {
        version: 6,
        name: "assistant",
        sql: include_str!("../migrations/postgres/0006_assistant.sql"),
    },
    Migration {
        version: 7,
        name: "clinic_text_index",
        sql: include_str!("../migrations/postgres/0007_clinic_text_index.sql"),
    },
    Migration {
        version: 8,
        name: "text_index_per_configuration",
        sql: include_str!("../migrations/postgres/0008_text_index_per_configuration.sql"),
    },
    Migration {
        version: 9,
        name: "conversations_by_contact",
        sql: include_str!("../migrations/postgres/0009_conversations_by_contact.sql"),
    },
    Migration {
        version: 10,
        name: "canned_replies_and_assignment",
        sql: include_str!("../migrations/postgres/0010_canned_replies_and_assignment.sql"),
    },
    Migration {
        version: 11,
        name: "unknown_replies_by_channel",
        sql: include_str!("../migrations/postgres/0011_unknown_replies_by_channel.sql"),
    },
    Migration {
        version: 12,
        name: "job_history",
        sql: include_str!("../migrations/postgres/0012_job_history.sql"),
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_backends_ship_the_same_versions() {
        let versions = |m: &[Migration]| m.iter().map(|m| (m.version, m.name)).collect::<Vec<_>>();
        assert_eq!(versions(SQLITE), versions(POSTGRES));
        let mut sorted = versions(SQLITE);
        sorted.sort();
        sorted.dedup_by_key(|v| v.0);
        assert_eq!(
            sorted,
            versions(SQLITE),
            "versions must be unique and ascending"
        );
    }
}
