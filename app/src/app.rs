//! The HTML shell and the routes, grouped by area.

use crate::pages;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::components::{Outlet, ParentRoute, Route, Router, Routes};
use leptos_router::{path, MatchNestedRoutes, SsrMode};

/// The stylesheet's address: `/pkg/doorstep.<hash>.css` when the release build named its files
/// by their content (`hash.txt` beside the binary, read once), else `/pkg/doorstep.css`. Not
/// leptos_meta's `HashedStylesheet`: in the shell's head it made about one page in thirty lose
/// the headers the shell sets (its content security policy and `no-store`).
fn stylesheet_href(options: &LeptosOptions) -> String {
    static HREF: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HREF.get_or_init(|| {
        let name = options.output_name.to_string();
        let hash = options
            .hash_files
            .then(|| {
                let exe = std::env::current_exe().ok()?;
                let text =
                    std::fs::read_to_string(exe.parent()?.join(options.hash_file.as_ref())).ok()?;
                text.lines().find_map(|line| {
                    line.trim()
                        .strip_prefix("css:")
                        .map(|h| h.trim().to_owned())
                })
            })
            .flatten();
        match hash {
            Some(hash) => format!("/{}/{name}.{hash}.css", options.site_pkg_dir),
            None => format!("/{}/{name}.css", options.site_pkg_dir),
        }
    })
    .clone()
}

/// The document around every page. Only islands hydrate; everything else is plain HTML.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::server::headers::set_page_headers();
    view! {
        <!DOCTYPE html>
        <html lang="en-GB">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light"/>
                <link rel="stylesheet" href=stylesheet_href(&options)/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <HydrationScripts options islands=true/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let landlord = crate::site::site().profile.landlord.name.clone();
    // Every page renders `Async`: the first HTML is complete, so every page works without
    // JavaScript. Set once here, it holds for every route below (the most restrictive mode of
    // a branch wins).
    view! {
        <Title formatter=move |page: String| format!("{page} - {landlord}")/>
        <Router>
            <Routes fallback=pages::errors::NotFound>
                <ParentRoute path=path!("") view=Outlet ssr=SsrMode::Async>
                    <SiteRoutes/>
                    <AccountRoutes/>
                    <YourDataRoutes/>
                    <RepairRoutes/>
                    <CaseRoutes/>
                    <DocumentRoutes/>
                    <StaffRoutes/>
                </ParentRoute>
            </Routes>
        </Router>
    }
}

/// The public site: home, contact, what to expect, how we are doing, accessibility, problems, the component gallery.
#[component(transparent)]
fn SiteRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("") view=Outlet>
            <Route path=path!("/") view=pages::home::HomePage/>
            <Route path=path!("/problem/:kind") view=pages::errors::ProblemPage/>
            <Route path=path!("/your-home") view=pages::your_home::YourHomePage/>
            <Route path=path!("/contact") view=pages::contact::ContactPage/>
            <Route path=path!("/contact/sent/:reference") view=pages::contact::ContactSentPage/>
            <Route path=path!("/accessibility") view=pages::accessibility::AccessibilityPage/>
            <Route path=path!("/how-we-are-doing") view=pages::performance::PerformancePage/>
            <Route path=path!("/what-to-expect") view=pages::standards::StandardsPage/>
            <Route path=path!("/dev/components") view=pages::gallery::GalleryPage/>
        </ParentRoute>
    }
    .into_inner()
}

/// Signing in and out, claiming an account, passwords, your account, contact preferences, people who act for you, invitations, messages.
#[component(transparent)]
fn AccountRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("") view=Outlet>
            <Route path=path!("/sign-in") view=pages::session::SignInPage/>
            <Route path=path!("/signed-out") view=pages::session::SignedOutPage/>
            <Route path=path!("/claim-account") view=pages::account::ClaimAccountPage/>
            <Route path=path!("/claim-account/confirm") view=pages::account::ConfirmClaimPage/>
            <Route path=path!("/check-your-email") view=pages::account::CheckYourEmailPage/>
            <Route path=path!("/link-expired") view=pages::account::LinkExpiredPage/>
            <Route path=path!("/reset-password") view=pages::account::ResetPasswordPage/>
            <Route path=path!("/reset-password/new") view=pages::account::ResetNewPasswordPage/>
            <Route path=path!("/set-password") view=pages::account::SetPasswordPage/>
            <Route path=path!("/account") view=pages::your_account::YourAccountPage/>
            <Route path=path!("/account/confirm-email") view=pages::your_account::ConfirmEmailPage/>
            <Route path=path!("/account/contact") view=pages::preferences::ContactPreferencesPage/>
            <Route path=path!("/account/people") view=pages::permissions::PeoplePageView/>
            <Route path=path!("/invitations/:token") view=pages::permissions::InvitationPageView/>
            <Route path=path!("/messages") view=pages::preferences::MessagesPage/>
        </ParentRoute>
    }
    .into_inner()
}

/// Your data and requests to see it; the staff requests queue.
#[component(transparent)]
fn YourDataRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("") view=Outlet>
            <Route path=path!("/account/your-data") view=pages::your_data::YourDataPage/>
            <Route path=path!("/account/your-data/all") view=pages::your_data::YourDataAllPage/>
            <Route path=path!("/account/your-data/:reference") view=pages::your_data::YourRequestPage/>
            <Route path=path!("/staff/subject-access") view=pages::subject_access::SubjectAccessQueuePage/>
            <Route path=path!("/staff/subject-access/:reference") view=pages::subject_access::StaffRequestPage/>
        </ParentRoute>
    }
    .into_inner()
}

/// Repairs: the report journey, your repairs, a job, booking; the staff queue and job page.
#[component(transparent)]
fn RepairRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("") view=Outlet>
            <Route path=path!("/repairs") view=pages::repairs::YourRepairsPage/>
            <Route path=path!("/repairs/report") view=pages::repairs::ReportStartPage/>
            <Route path=path!("/repairs/report/for") view=pages::repairs::ReportForPage/>
            <Route path=path!("/repairs/report/gas") view=pages::repairs::GasPage/>
            <Route path=path!("/repairs/report/emergency") view=pages::repairs::EmergencyPage/>
            <Route path=path!("/repairs/report/question") view=pages::repairs::ReportQuestionPage/>
            <Route path=path!("/repairs/report/communal") view=pages::repairs::CommunalPage/>
            <Route path=path!("/repairs/report/no-shared-areas") view=pages::repairs::NoSharedAreasPage/>
            <Route path=path!("/repairs/report/not-ours") view=pages::repairs::NotOursPage/>
            <Route path=path!("/repairs/report/describe") view=pages::repairs::DescribePage/>
            <Route path=path!("/repairs/report/photos") view=pages::repairs::PhotosPage/>
            <Route path=path!("/repairs/report/access") view=pages::repairs::AccessPage/>
            <Route path=path!("/repairs/report/check") view=pages::repairs::CheckPage/>
            <Route path=path!("/repairs/:reference") view=pages::repairs::RepairPage/>
            <Route path=path!("/repairs/:reference/reported") view=pages::repairs::ReportedPage/>
            <Route path=path!("/repairs/:reference/book") view=pages::repairs::BookPage/>
            <Route path=path!("/repairs/:reference/cancel") view=pages::repairs::CancelVisitPage/>
            <Route path=path!("/staff/repairs") view=pages::repairs_staff::RepairQueuePage/>
            <Route path=path!("/staff/repairs/:reference") view=pages::repairs_staff::StaffRepairPage/>
            <Route path=path!("/visits") view=pages::visits::YourVisitsPage/>
            <Route path=path!("/visits/:id") view=pages::visits::VisitDetailPage/>
            <Route path=path!("/visit/:token") view=pages::visits::VisitLinkPage/>
            <Route path=path!("/staff/visits/figures") view=pages::visits::VisitFiguresPage/>
        </ParentRoute>
    }
    .into_inner()
}

/// Complaints, compliments and questions; the staff queue, case page, record form and report.
#[component(transparent)]
fn CaseRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("") view=Outlet>
            <Route path=path!("/cases") view=pages::cases::CasesPage/>
            <Route path=path!("/cases/new/:kind/check") view=pages::cases::CaseCheckPage/>
            <Route path=path!("/cases/new/:kind/:field") view=pages::cases::CaseQuestionPage/>
            <Route path=path!("/cases/:reference") view=pages::cases::CasePage/>
            <Route path=path!("/staff/work") view=pages::workspace::WorkspacePage/>
            <Route path=path!("/staff/dashboard") view=pages::dashboard::DashboardPage/>
            <Route path=path!("/staff/dashboard/list") view=pages::dashboard::DashboardListPage/>
            <Route path=path!("/staff/cases") view=pages::cases_staff::CaseQueuePage/>
            <Route path=path!("/staff/cases/new") view=pages::cases_staff::RecordCasePage/>
            <Route path=path!("/staff/cases/:reference") view=pages::cases_staff::StaffCasePage/>
            <Route path=path!("/staff/reports/complaints") view=pages::cases_staff::ComplaintsReportPage/>
        </ParentRoute>
    }
    .into_inner()
}

/// Documents and service charges, for residents and staff.
#[component(transparent)]
fn DocumentRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("") view=Outlet>
            <Route path=path!("/documents") view=pages::documents::YourDocumentsPage/>
            <Route path=path!("/documents/service-charges/:reference") view=pages::documents::StatementPage/>
            <Route path=path!("/staff/documents") view=pages::documents_staff::StaffDocumentsPage/>
            <Route path=path!("/staff/documents/new") view=pages::documents_staff::UploadDocumentPage/>
            <Route path=path!("/staff/documents/safety") view=pages::documents_staff::SafetyInformationPage/>
            <Route path=path!("/staff/documents/:reference") view=pages::documents_staff::StaffDocumentPage/>
            <Route path=path!("/staff/service-charges") view=pages::documents_staff::StaffStatementsPage/>
            <Route path=path!("/staff/service-charges/:reference") view=pages::documents_staff::StaffStatementPage/>
        </ParentRoute>
    }
    .into_inner()
}

/// Colleagues' other pages: residents, contact tasks, letters, staff accounts, the audit trail, the development mailbox.
#[component(transparent)]
fn StaffRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("") view=Outlet>
            <Route path=path!("/staff/residents") view=pages::preferences::FindResidentPage/>
            <Route path=path!("/staff/residents/:person") view=pages::preferences::StaffResidentPage/>
            <Route path=path!("/staff/contact-tasks") view=pages::preferences::ContactTasksPage/>
            <Route path=path!("/staff/letters") view=pages::letters::LettersPage/>
            <Route path=path!("/admin/staff") view=pages::admin::StaffAccountsPage/>
            <Route path=path!("/admin/teams") view=pages::admin::TeamsAdminPage/>
            <Route path=path!("/admin/audit") view=pages::admin::AuditTrailPage/>
            <Route path=path!("/dev/mailbox") view=pages::admin::MailboxPage/>
            <Route path=path!("/admin/firms") view=pages::admin::FirmsAdminPage/>
        </ParentRoute>
    }
    .into_inner()
}
