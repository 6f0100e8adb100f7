//! Wire and view types: what server functions return and pages render, in a module that pages,
//! server functions and services can all import (services never import `api`). Each area's
//! types are here; `api` re-exports them for the pages.

pub mod account;
pub mod admin;
pub mod cases;
pub mod cases_staff;
pub mod clocks;
pub mod contact;
pub mod dashboard;
pub mod documents;
pub mod documents_staff;
pub mod forms;
pub mod letters;
pub mod performance;
pub mod permissions;
pub mod preferences;
pub mod repairs;
pub mod repairs_staff;
pub mod session;
pub mod subject_access;
pub mod visits;
pub mod workspace;
pub mod your_data;
