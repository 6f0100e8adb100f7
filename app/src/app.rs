//! The HTML shell and the routes.

use crate::pages;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

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
    view! {
        <Title formatter=move |page: String| format!("{page} - {landlord}")/>
        <Router>
            <Routes fallback=pages::errors::NotFound>
                <Route path=path!("/") view=pages::home::HomePage ssr=SsrMode::Async/>
                <Route path=path!("/sign-in") view=pages::session::SignInPage ssr=SsrMode::Async/>
                <Route path=path!("/signed-out") view=pages::session::SignedOutPage ssr=SsrMode::Async/>
                <Route path=path!("/claim-account") view=pages::account::ClaimAccountPage ssr=SsrMode::Async/>
                <Route path=path!("/claim-account/confirm") view=pages::account::ConfirmClaimPage ssr=SsrMode::Async/>
                <Route path=path!("/check-your-email") view=pages::account::CheckYourEmailPage ssr=SsrMode::Async/>
                <Route path=path!("/link-expired") view=pages::account::LinkExpiredPage ssr=SsrMode::Async/>
                <Route path=path!("/reset-password") view=pages::account::ResetPasswordPage ssr=SsrMode::Async/>
                <Route path=path!("/reset-password/new") view=pages::account::ResetNewPasswordPage ssr=SsrMode::Async/>
                <Route path=path!("/set-password") view=pages::account::SetPasswordPage ssr=SsrMode::Async/>
                <Route path=path!("/account") view=pages::your_account::YourAccountPage ssr=SsrMode::Async/>
                <Route path=path!("/account/confirm-email") view=pages::your_account::ConfirmEmailPage ssr=SsrMode::Async/>
                <Route path=path!("/account/contact") view=pages::preferences::ContactPreferencesPage ssr=SsrMode::Async/>
                <Route path=path!("/account/people") view=pages::permissions::PeoplePageView ssr=SsrMode::Async/>
                <Route path=path!("/account/your-data") view=pages::your_data::YourDataPage ssr=SsrMode::Async/>
                <Route path=path!("/account/your-data/all") view=pages::your_data::YourDataAllPage ssr=SsrMode::Async/>
                <Route path=path!("/account/your-data/:reference") view=pages::your_data::YourRequestPage ssr=SsrMode::Async/>
                <Route path=path!("/staff/subject-access") view=pages::subject_access::SubjectAccessQueuePage ssr=SsrMode::Async/>
                <Route path=path!("/staff/subject-access/:reference") view=pages::subject_access::StaffRequestPage ssr=SsrMode::Async/>
                <Route path=path!("/invitations/:token") view=pages::permissions::InvitationPageView ssr=SsrMode::Async/>
                <Route path=path!("/messages") view=pages::preferences::MessagesPage ssr=SsrMode::Async/>
                <Route path=path!("/staff/residents") view=pages::preferences::FindResidentPage ssr=SsrMode::Async/>
                <Route path=path!("/staff/residents/:person") view=pages::preferences::StaffResidentPage ssr=SsrMode::Async/>
                <Route path=path!("/staff/contact-tasks") view=pages::preferences::ContactTasksPage ssr=SsrMode::Async/>
                <Route path=path!("/staff/letters") view=pages::letters::LettersPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/staff") view=pages::admin::StaffAccountsPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/audit") view=pages::admin::AuditTrailPage ssr=SsrMode::Async/>
                <Route path=path!("/dev/mailbox") view=pages::admin::MailboxPage ssr=SsrMode::Async/>
                <Route path=path!("/problem/:kind") view=pages::errors::ProblemPage ssr=SsrMode::Async/>
                <Route path=path!("/repairs") view=pages::repairs::YourRepairsPage ssr=SsrMode::Async/>
                <Route path=path!("/repairs/report") view=pages::repairs::ReportStartPage ssr=SsrMode::Async/>
                <Route path=path!("/repairs/report/gas") view=pages::repairs::GasPage ssr=SsrMode::Async/>
                <Route path=path!("/repairs/report/emergency") view=pages::repairs::EmergencyPage ssr=SsrMode::Async/>
                <Route path=path!("/repairs/report/question") view=pages::repairs::ReportQuestionPage ssr=SsrMode::Async/>
                <Route path=path!("/repairs/report/communal") view=pages::repairs::CommunalPage ssr=SsrMode::Async/>
                <Route path=path!("/repairs/report/no-shared-areas") view=pages::repairs::NoSharedAreasPage ssr=SsrMode::Async/>
                <Route path=path!("/repairs/report/not-ours") view=pages::repairs::NotOursPage ssr=SsrMode::Async/>
                <Route path=path!("/repairs/report/describe") view=pages::repairs::DescribePage ssr=SsrMode::Async/>
                <Route path=path!("/repairs/report/photos") view=pages::repairs::PhotosPage ssr=SsrMode::Async/>
                <Route path=path!("/repairs/report/access") view=pages::repairs::AccessPage ssr=SsrMode::Async/>
                <Route path=path!("/repairs/report/check") view=pages::repairs::CheckPage ssr=SsrMode::Async/>
                <Route path=path!("/repairs/:reference") view=pages::repairs::RepairPage ssr=SsrMode::Async/>
                <Route path=path!("/repairs/:reference/reported") view=pages::repairs::ReportedPage ssr=SsrMode::Async/>
                <Route path=path!("/repairs/:reference/book") view=pages::repairs::BookPage ssr=SsrMode::Async/>
                <Route path=path!("/repairs/:reference/cancel") view=pages::repairs::CancelVisitPage ssr=SsrMode::Async/>
                <Route path=path!("/staff/repairs") view=pages::repairs_staff::RepairQueuePage ssr=SsrMode::Async/>
                <Route path=path!("/staff/repairs/:reference") view=pages::repairs_staff::StaffRepairPage ssr=SsrMode::Async/>
                <Route path=path!("/cases") view=pages::cases::CasesPage ssr=SsrMode::Async/>
                <Route path=path!("/cases/new/:kind/check") view=pages::cases::CaseCheckPage ssr=SsrMode::Async/>
                <Route path=path!("/cases/new/:kind/:field") view=pages::cases::CaseQuestionPage ssr=SsrMode::Async/>
                <Route path=path!("/cases/:reference") view=pages::cases::CasePage ssr=SsrMode::Async/>
                <Route path=path!("/staff/cases") view=pages::cases_staff::CaseQueuePage ssr=SsrMode::Async/>
                <Route path=path!("/staff/cases/new") view=pages::cases_staff::RecordCasePage ssr=SsrMode::Async/>
                <Route path=path!("/staff/cases/:reference") view=pages::cases_staff::StaffCasePage ssr=SsrMode::Async/>
                <Route path=path!("/staff/reports/complaints") view=pages::cases_staff::ComplaintsReportPage ssr=SsrMode::Async/>
                <Route path=path!("/documents") view=pages::documents::YourDocumentsPage ssr=SsrMode::Async/>
                <Route path=path!("/documents/service-charges/:reference") view=pages::documents::StatementPage ssr=SsrMode::Async/>
                <Route path=path!("/staff/documents") view=pages::documents_staff::StaffDocumentsPage ssr=SsrMode::Async/>
                <Route path=path!("/staff/documents/new") view=pages::documents_staff::UploadDocumentPage ssr=SsrMode::Async/>
                <Route path=path!("/staff/documents/safety") view=pages::documents_staff::SafetyInformationPage ssr=SsrMode::Async/>
                <Route path=path!("/staff/documents/:reference") view=pages::documents_staff::StaffDocumentPage ssr=SsrMode::Async/>
                <Route path=path!("/staff/service-charges") view=pages::documents_staff::StaffStatementsPage ssr=SsrMode::Async/>
                <Route path=path!("/staff/service-charges/:reference") view=pages::documents_staff::StaffStatementPage ssr=SsrMode::Async/>
                <Route path=path!("/your-home") view=pages::your_home::YourHomePage ssr=SsrMode::Async/>
                <Route path=path!("/contact") view=pages::contact::ContactPage ssr=SsrMode::Async/>
                <Route
                    path=path!("/contact/sent/:reference")
                    view=pages::contact::ContactSentPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/accessibility")
                    view=pages::accessibility::AccessibilityPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/how-we-are-doing")
                    view=pages::performance::PerformancePage
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/what-to-expect")
                    view=pages::standards::StandardsPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/dev/components")
                    view=pages::gallery::GalleryPage
                    ssr=SsrMode::Async
                />
            </Routes>
        </Router>
    }
}
