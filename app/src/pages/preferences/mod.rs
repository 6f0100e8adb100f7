//! "How we contact you" for residents, the form colleagues use on a resident's page, and the
//! needs banner at the top of every staff screen about a resident or their case.

use crate::api::preferences::{get_preferences, Option_, PreferencesPage};
use crate::api::repairs::Offered;
use crate::components::content::NeedsBannerView;
use crate::components::content::NotificationBanner;
use crate::components::fields::Select;
use crate::components::fields::{Choice, Choices, ErrorSummary, SubmitButton, TextArea, TextInput};
use crate::pages::layout::Layout;
use crate::pages::load::Load;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use server_fn::ServerFn as _;

mod contact;
mod resident;
mod tasks;
pub use contact::*;
pub use resident::*;
pub use tasks::*;
