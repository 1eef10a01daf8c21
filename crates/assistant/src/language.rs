//! Which of our four languages a patient writes in, from messages as short as "evet" or
//! "quero marcar" (the marker words live beside the knowledge base's question detector);
//! the conversation keeps its language when a message decides nothing.

pub use frontdesk_knowledge::language::from_markers as detect;
