//! The command line: `server [serve]`, `server migrate`, `server seed-demo`, `server
//! create-staff`, `server sweep-uploads`.

use crate::config::Config;
use crate::startup::{prepare, shutdown_signal, Application};
use app::server::db::demo::{self, DEMO_CLAIM, DEMO_PASSWORD, DEMO_SIGN_INS};
use app::server::password;

const USAGE: &str =
    "usage: server [serve | migrate | seed-demo | create-staff NAME EMAIL ROLE | sweep-uploads | --version]

  serve         run the portal (the default)
  migrate       bring the database schema up to date and stop
  seed-demo     load the fictional demo data into an empty database and print the demo sign-ins
  create-staff  create a staff account and print the link to choose its password (also
                emailed once the server runs); ROLE is one of customer_services,
                repairs_planner, complaints_handler, manager, administrator
  sweep-uploads remove every upload nobody can reach, however old (serve does it every six
                hours for the last week's): photos of reports never sent and stored files no
                record names, once a day old

Configuration comes from environment variables: see README.md.";

pub async fn run(args: &[String]) -> Result<(), String> {
    let command = args.first().map(String::as_str).unwrap_or("serve");
    if matches!(command, "-h" | "--help" | "help") {
        println!("{USAGE}");
        return Ok(());
    }
    if matches!(command, "-V" | "--version" | "version") {
        println!("{}", version());
        return Ok(());
    }
    let config = Config::from_env()?;
    init_logging(&config);
    match command {
        "serve" => serve(&config).await,
        "migrate" => {
            // The command is the migration: whatever MIGRATE_ON_START says for `serve`.
            let config = Config {
                migrate_on_start: true,
                ..config
            };
            prepare(&config).await?;
            println!("The database schema is up to date.");
            Ok(())
        }
        "seed-demo" => seed_demo(&config).await,
        "create-staff" => create_staff(&config, &args[1..]).await,
        "sweep-uploads" => sweep_uploads(&config).await,
        other => Err(format!("unknown command \"{other}\"\n\n{USAGE}")),
    }
}

fn init_logging(config: &Config) {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_sessions=warn"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    // A second call (tests start several servers) keeps the first subscriber.
    let _ = if config.log_json {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}

/// "doorstep 0.1.0 (commit 1a2b3c4d5e6f)": what `--version` prints and the start-up log says.
pub fn version() -> String {
    format!(
        "doorstep {} (commit {})",
        env!("CARGO_PKG_VERSION"),
        env!("DOORSTEP_COMMIT")
    )
}

async fn serve(config: &Config) -> Result<(), String> {
    check_site_root()?;
    let app = Application::build(config).await?;
    let landlord = app.state.site.profile.landlord.name.clone();
    tracing::info!(version = %version(), engine = app.state.db.engine(), %landlord, "Doorstep is serving on http://{}", app.addr);
    app.run(shutdown_signal()).await.map_err(|e| e.to_string())
}

/// The built browser files must be there, or every page would be served unstyled and without
/// its islands: say so at start, naming the setting.
fn check_site_root() -> Result<(), String> {
    let root = std::env::var("LEPTOS_SITE_ROOT").unwrap_or_else(|_| "target/site".to_owned());
    let pkg = std::path::Path::new(&root).join("pkg");
    if pkg.is_dir() {
        Ok(())
    } else {
        Err(format!(
            "LEPTOS_SITE_ROOT: \"{root}\" has no pkg/ folder with the built CSS, JavaScript and \
             wasm. Build them with `cargo leptos build --release` (make run does), or point \
             LEPTOS_SITE_ROOT at the folder that holds them."
        ))
    }
}

/// Loads the demo into an empty database. Refused in production before anything is read or
/// printed: the demo has an administrator whose password is in the README.
pub async fn seed_demo(config: &Config) -> Result<(), String> {
    if !config.development {
        return Err(
            "seed-demo is refused when DOORSTEP_ENV=production: the demo's fictional \
                    residents and colleagues all share a password published in the README, one \
                    of them an administrator. Nothing was loaded. Use `server create-staff` for \
                    the first administrator."
                .to_owned(),
        );
    }
    let state = prepare(config).await?;
    let hash = password::hash(DEMO_PASSWORD.to_owned())
        .await
        .map_err(|e| e.to_string())?;
    let file = config.profile_path.display().to_string();
    let loaded = demo::load(
        &state.db,
        &state.site.profile,
        &file,
        &hash,
        chrono::Utc::now(),
    )
    .await
    .map_err(|e| format!("the demo data could not be loaded: {e}"))?;
    if loaded {
        let app::server::demo::Loaded {
            repairs,
            visits,
            cases,
            documents,
            statements,
        } = app::server::demo::seed_activity(&state, chrono::Utc::now())
            .await
            .map_err(|e| {
                format!("the demo's repairs, cases and documents could not be loaded: {e}")
            })?;
        println!(
            "Loaded the demo data for {} ({repairs} repairs, {visits} visits, {cases} complaints, compliments and questions, {documents} documents, {statements} service-charge statements).",
            state.site.profile.landlord.name
        );
    } else {
        println!("The database already has data, so no demo data was loaded.");
    }
    println!("\nDemo sign-ins (every account's password is \"{DEMO_PASSWORD}\"):");
    for s in DEMO_SIGN_INS {
        println!("  {:<34} {}", s.email, s.who);
    }
    let c = &DEMO_CLAIM;
    let (day, month, year) = c.born;
    println!(
        "\nTo try \"Set up your account\" as {}: reference {}, postcode {}, born {day} {month} {year}.",
        c.who, c.reference, c.postcode
    );
    println!("In development mode, emails (with their links) are listed at /dev/mailbox and written to data/outbox/.");
    state.db.close().await;
    Ok(())
}

async fn create_staff(config: &Config, args: &[String]) -> Result<(), String> {
    let [name, email, role] = args else {
        return Err(format!(
            "create-staff needs a name, an email and a role\n\n{USAGE}"
        ));
    };
    let state = prepare(config).await?;
    let result = app::server::staff::invite(&state, None, name, email, role, None)
        .await
        .map_err(|e| e.to_string())?;
    state.db.close().await;
    match result {
        Ok(link) => {
            println!("Created a {role} account for {name} <{email}>.");
            println!("They choose their password at this link (it works for 7 days):\n  {link}");
            Ok(())
        }
        Err(errors) => Err(errors
            .iter()
            .map(|e| format!("{}: {}", e.field, e.message))
            .collect::<Vec<_>>()
            .join("\n")),
    }
}

/// Removes every abandoned upload, whenever it was written: for files left before the periodic
/// clean-up existed, or after a long outage.
pub async fn sweep_uploads(config: &Config) -> Result<(), String> {
    let state = prepare(config).await?;
    let swept =
        app::server::uploads::sweep_from(&state, chrono::Utc::now(), chrono::DateTime::UNIX_EPOCH)
            .await
            .map_err(|e| format!("the clean-up stopped: {e}"))?;
    state.db.close().await;
    println!(
        "Removed {} photos of reports never sent and {} stored files no record names.",
        swept.unsent_photos, swept.unnamed_files
    );
    Ok(())
}
