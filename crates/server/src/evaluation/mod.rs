//! `frontdesk evaluate`: the product measured on a corpus, as a clinic would see it — dialogs
//! through the assistant and the job runner, questions through the knowledge search.

pub mod dialogs;
pub mod knowledge;
