//! One module per area of the site; each exports its route components.

pub mod accessibility;
pub mod account;
pub mod admin;
pub mod cases;
pub mod cases_staff;
pub mod contact;
pub mod dashboard;
pub mod documents;
pub mod documents_staff;
pub mod errors;
pub mod gallery;
pub mod home;
pub mod layout;
pub mod letters;
pub mod load;
pub mod performance;
pub mod permissions;
pub mod preferences;
pub mod repairs;
pub mod repairs_staff;
pub mod session;
pub mod standards;
pub mod subject_access;
pub mod your_account;
pub mod your_data;
pub mod your_home;
