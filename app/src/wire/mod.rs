//! Wire and view types: what server functions return and pages render, in a module that pages,
//! server functions and services can all import (services never import `api`). Areas move here
//! as the layers are put in order; `performance` is the first.

pub mod performance;
