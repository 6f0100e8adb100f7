//! Configuration from environment variables, each with a documented default (README.md), and
//! the landlord's policy profile from its file. Any problem stops start-up with a message
//! naming the variable or the file and field.

use app::domain::profile::{PolicyProfile, RawProfile};
use app::domain::repairs::{RawRepairSetup, RepairSetup};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

#[derive(Clone, Debug)]
pub struct Config {
    pub database_url: String,
    pub profile_path: PathBuf,
    /// The repairs diagnosis tree, trades and emergencies.
    pub repairs_path: PathBuf,
    /// Folder for uploaded photos (the local storage).
    pub uploads_dir: PathBuf,
    /// Store uploads in an S3-compatible bucket instead of `uploads_dir`.
    pub s3: Option<S3Settings>,
    pub addr: SocketAddr,
    /// Where to serve `/metrics` for Prometheus (`METRICS_ADDR`); not served when unset.
    pub metrics_addr: Option<SocketAddr>,
    pub development: bool,
    pub log_json: bool,
    /// Where people reach Doorstep, for links in emails; `None` means the listening address.
    pub public_url: Option<String>,
    /// Folder for `.eml` files when no SMTP server is configured.
    pub outbox_dir: PathBuf,
    /// How text messages are sent (`TEXT_PROVIDER`).
    pub texts: TextSettings,
    /// The From of every email; `None` means the landlord's address from the profile.
    pub mail_from: Option<String>,
    /// Take the client's address from the last `X-Forwarded-For` hop (behind a proxy).
    pub trust_proxy: bool,
    /// Send email through this SMTP server instead of writing `.eml` files.
    pub smtp_url: Option<String>,
    /// Sign-in attempts allowed from one client address in 15 minutes, whatever the emails.
    pub sign_in_address_limit: i64,
    /// "Contact us" messages allowed from one client address in an hour, signed out.
    pub contact_address_limit: i64,
    /// The database pool's size and wait (`DATABASE_POOL_SIZE`, `DATABASE_ACQUIRE_SECONDS`).
    pub pool: app::server::db::PoolSettings,
    /// How long a request may take before it is answered 503 (`REQUEST_TIME_LIMIT_SECONDS`).
    pub request_time_limit: std::time::Duration,
    /// A PEM file of certificate authorities to trust besides the public ones, for an internal
    /// mail relay, object store or text provider (`EXTRA_CA_FILE`).
    pub extra_ca_file: Option<PathBuf>,
    /// Whether `serve` applies migrations first (`MIGRATE_ON_START`); false lets the running
    /// database role have no right to change the schema.
    pub migrate_on_start: bool,
    /// After SIGTERM, how long `/readyz` answers 503 while requests are still served, before
    /// the node stops accepting (`DRAIN_SECONDS`).
    pub drain: std::time::Duration,
}

/// How text messages go out.
#[derive(Clone, Debug)]
pub enum TextSettings {
    /// None can be sent: text is passed over for the resident's next channel, or a colleague.
    Off,
    /// Development: a `.txt` file per text in this folder (`TEXTS_DIR`).
    Files(PathBuf),
    /// Esendex's REST API (`TEXT_PROVIDER=esendex`).
    Esendex(EsendexSettings),
}

/// An Esendex account: the API's address, the account reference and the API user.
#[derive(Clone)]
pub struct EsendexSettings {
    pub url: String,
    pub account: String,
    pub username: String,
    pub password: String,
    /// The sender shown on the phone (`TEXT_FROM`), up to 11 letters and digits; `None`: the
    /// account's default.
    pub from: Option<String>,
}

impl std::fmt::Debug for EsendexSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the password.
        write!(f, "Esendex({}, {})", self.url, self.account)
    }
}

/// Where an S3-compatible object store is and how to sign in to it.
#[derive(Clone, Debug)]
pub struct S3Settings {
    pub endpoint: String,
    pub bucket: String,
    pub region: String,
    pub access_key: String,
    pub secret_key: String,
    /// How long one request to the store may take (`S3_TIMEOUT_SECONDS`, 120), reading a
    /// download to the browser included.
    pub timeout: std::time::Duration,
    /// How many times a failed request is tried again (`S3_RETRIES`, 3).
    pub retries: usize,
}

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/doorstep.db";
pub const DEFAULT_PROFILE: &str = "northfield";
pub const DEFAULT_ADDR: &str = "127.0.0.1:3000";

/// Resolves `LANDLORD_PROFILE`: a bare name means `config/profiles/NAME.toml`.
pub fn profile_path(value: &str) -> PathBuf {
    if value.contains('/') || value.ends_with(".toml") {
        PathBuf::from(value)
    } else {
        Path::new("config/profiles").join(format!("{value}.toml"))
    }
}

/// Why an `SMTP_URL` may not be used, if it may not: in production a user name and password
/// must never cross the network in clear, which `smtp://` does unless TLS is required
/// (`?tls=required`, STARTTLS that refuses to go on without it); `smtps://` is TLS from the start.
/// An opportunistic STARTTLS falls back to clear text when a man in the middle removes it.
fn smtp_problem(url: &str, development: bool) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let (authority, query) = match rest.split_once('?') {
        Some((before, query)) => (before.split('/').next().unwrap_or_default(), query),
        None => (rest.split('/').next().unwrap_or_default(), ""),
    };
    let credentials = authority.contains('@');
    let tls_required = scheme.eq_ignore_ascii_case("smtps")
        || query
            .split('&')
            .any(|pair| pair.eq_ignore_ascii_case("tls=required"));
    (credentials && !tls_required && !development).then(|| {
        "SMTP_URL: this URL has a user name and password but does not require TLS, so the \
         password would be sent in clear. Use smtps://user:password@host:465, or add \
         ?tls=required to an smtp:// URL (STARTTLS)."
            .to_owned()
    })
}

/// `TEXT_PROVIDER`: `esendex` (with its settings), `files` (development only), or unset: files
/// in development, none in production.
fn text_settings(
    get: &impl Fn(&str) -> Option<String>,
    development: bool,
) -> Result<TextSettings, String> {
    let setting = |name: &str| {
        get(name)
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    };
    let texts_dir = || PathBuf::from(setting("TEXTS_DIR").unwrap_or_else(|| "data/texts".into()));
    match setting("TEXT_PROVIDER").as_deref() {
        None if development => Ok(TextSettings::Files(texts_dir())),
        None | Some("none") => Ok(TextSettings::Off),
        Some("files") if development => Ok(TextSettings::Files(texts_dir())),
        Some("files") => Err(
            "TEXT_PROVIDER: files is for development only: in production a text written to a folder reaches nobody. Set TEXT_PROVIDER=esendex, or none".to_owned(),
        ),
        Some("esendex") => {
            let needed = |name: &str| {
                setting(name).ok_or_else(|| format!("{name}: must be set when TEXT_PROVIDER=esendex"))
            };
            let url = setting("ESENDEX_URL")
                .unwrap_or_else(|| "https://api.esendex.com".into())
                .trim_end_matches('/')
                .to_owned();
            if !(url.starts_with("https://") || (development && url.starts_with("http://"))) {
                return Err(format!("ESENDEX_URL: \"{url}\" must start with https://"));
            }
            let from = setting("TEXT_FROM");
            if let Some(f) = &from {
                let ok = (f.len() <= 11 && f.chars().all(|c| c.is_ascii_alphanumeric()))
                    || (f.len() <= 15 && f.chars().all(|c| c.is_ascii_digit()));
                if !ok {
                    return Err(format!(
                        "TEXT_FROM: \"{f}\" must be up to 11 letters and digits, or a phone number"
                    ));
                }
            }
            Ok(TextSettings::Esendex(EsendexSettings {
                url,
                account: needed("ESENDEX_ACCOUNT_REFERENCE")?,
                username: needed("ESENDEX_USERNAME")?,
                password: needed("ESENDEX_PASSWORD")?,
                from,
            }))
        }
        Some(other) => Err(format!(
            "TEXT_PROVIDER: \"{other}\" is not one of esendex, files (development) or none"
        )),
    }
}

impl Config {
    /// Reads the configuration through `get`, which is `std::env::var` outside tests.
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Config, String> {
        let value = |name: &str, default: &str| {
            get(name)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
                .unwrap_or_else(|| default.to_owned())
        };
        let addr_text = value("LEPTOS_SITE_ADDR", DEFAULT_ADDR);
        let addr = addr_text.parse().map_err(|_| {
            format!(
                "LEPTOS_SITE_ADDR: \"{addr_text}\" is not an address and port like 127.0.0.1:3000"
            )
        })?;
        let metrics_addr = match get("METRICS_ADDR").map(|v| v.trim().to_owned()) {
            None => None,
            Some(text) if text.is_empty() => None,
            Some(text) => Some(text.parse::<SocketAddr>().map_err(|_| {
                format!("METRICS_ADDR: \"{text}\" is not an address and port like 127.0.0.1:9464")
            })?),
        };
        let environment = value("DOORSTEP_ENV", "development");
        let development = match environment.as_str() {
            "development" => true,
            "production" => false,
            other => {
                return Err(format!(
                    "DOORSTEP_ENV: \"{other}\" is not one of development or production"
                ))
            }
        };
        let log_format = value("LOG_FORMAT", "text");
        let log_json = match log_format.as_str() {
            "text" => false,
            "json" => true,
            other => {
                return Err(format!(
                    "LOG_FORMAT: \"{other}\" is not one of text or json"
                ))
            }
        };
        let database_url = value("DATABASE_URL", DEFAULT_DATABASE_URL);
        if !(database_url.starts_with("sqlite:")
            || database_url.starts_with("postgres://")
            || database_url.starts_with("postgresql://"))
        {
            return Err(
                "DATABASE_URL: must start with sqlite: or postgres:// (for example sqlite://data/doorstep.db)"
                    .to_owned(),
            );
        }
        let public_url = get("PUBLIC_URL")
            .map(|v| v.trim().trim_end_matches('/').to_owned())
            .filter(|v| !v.is_empty());
        if let Some(url) = &public_url {
            if !(url.starts_with("http://") || url.starts_with("https://")) {
                return Err(format!(
                    "PUBLIC_URL: \"{url}\" must start with https:// (or http:// for local use)"
                ));
            }
        }
        let trust_proxy = match value("TRUST_PROXY", "false").as_str() {
            "true" => true,
            "false" => false,
            other => {
                return Err(format!(
                    "TRUST_PROXY: \"{other}\" is not one of true or false"
                ))
            }
        };
        let sign_in_address_limit = match value("SIGN_IN_ADDRESS_LIMIT", "50").parse::<i64>() {
            Ok(n) if n >= 1 => n,
            _ => {
                return Err(
                    "SIGN_IN_ADDRESS_LIMIT: must be a whole number of attempts, 1 or more"
                        .to_owned(),
                )
            }
        };
        let contact_address_limit = match value("CONTACT_ADDRESS_LIMIT", "10").parse::<i64>() {
            Ok(n) if n >= 1 => n,
            _ => {
                return Err(
                    "CONTACT_ADDRESS_LIMIT: must be a whole number of messages, 1 or more"
                        .to_owned(),
                )
            }
        };
        let s3 = match get("S3_BUCKET")
            .map(|b| b.trim().to_owned())
            .filter(|b| !b.is_empty())
        {
            None => None,
            Some(bucket) => {
                let needed = |name: &str| {
                    get(name)
                        .map(|v| v.trim().to_owned())
                        .filter(|v| !v.is_empty())
                        .ok_or_else(|| format!("{name}: must be set when S3_BUCKET is"))
                };
                let endpoint = needed("S3_ENDPOINT")?.trim_end_matches('/').to_owned();
                if !(endpoint.starts_with("https://") || endpoint.starts_with("http://")) {
                    return Err(format!(
                        "S3_ENDPOINT: \"{endpoint}\" must start with https:// (or http:// for a store on this machine)"
                    ));
                }
                let timeout =
                    match value("S3_TIMEOUT_SECONDS", "120").parse::<u64>() {
                        Ok(n) if (1..=3600).contains(&n) => std::time::Duration::from_secs(n),
                        _ => return Err(
                            "S3_TIMEOUT_SECONDS: must be a whole number of seconds from 1 to 3600"
                                .to_owned(),
                        ),
                    };
                let retries = match value("S3_RETRIES", "3").parse::<usize>() {
                    Ok(n) if n <= 10 => n,
                    _ => return Err("S3_RETRIES: must be a whole number from 0 to 10".to_owned()),
                };
                Some(S3Settings {
                    endpoint,
                    bucket,
                    region: value("S3_REGION", "us-east-1"),
                    access_key: needed("S3_ACCESS_KEY_ID")?,
                    secret_key: needed("S3_SECRET_ACCESS_KEY")?,
                    timeout,
                    retries,
                })
            }
        };
        let request_time_limit =
            match value("REQUEST_TIME_LIMIT_SECONDS", "30").parse::<u64>() {
                Ok(n) if (1..=3600).contains(&n) => std::time::Duration::from_secs(n),
                _ => return Err(
                    "REQUEST_TIME_LIMIT_SECONDS: must be a whole number of seconds from 1 to 3600"
                        .to_owned(),
                ),
            };
        let pool_size = match get("DATABASE_POOL_SIZE").filter(|v| !v.trim().is_empty()) {
            None => None,
            Some(v) => match v.trim().parse::<u32>() {
                Ok(n) if (1..=1000).contains(&n) => Some(n),
                _ => {
                    return Err(format!(
                        "DATABASE_POOL_SIZE: \"{v}\" must be a whole number from 1 to 1000"
                    ))
                }
            },
        };
        let acquire = match value("DATABASE_ACQUIRE_SECONDS", "3").parse::<u64>() {
            Ok(n) if (1..=60).contains(&n) => std::time::Duration::from_secs(n),
            _ => {
                return Err(
                    "DATABASE_ACQUIRE_SECONDS: must be a whole number of seconds from 1 to 60"
                        .to_owned(),
                )
            }
        };
        let smtp_url = get("SMTP_URL").filter(|v| !v.trim().is_empty());
        if let Some(problem) = smtp_url
            .as_deref()
            .and_then(|url| smtp_problem(url, development))
        {
            return Err(problem);
        }
        if let Some(from) = get("MAIL_FROM").filter(|v| !v.trim().is_empty()) {
            let bare = match (from.rfind('<'), from.rfind('>')) {
                (Some(start), Some(end)) if start < end => from[start + 1..end].trim(),
                _ => from.trim(),
            };
            if !app::domain::validation::looks_like_email(bare) {
                return Err(format!(
                    "MAIL_FROM: \"{from}\" is not an email address (like doorstep@example-homes.org.uk or \"Example Homes <doorstep@example-homes.org.uk>\"); every email would fail"
                ));
            }
        }
        for (setting, default) in [
            ("UPLOADS_DIR", "data/uploads"),
            ("OUTBOX_DIR", "data/outbox"),
            ("TEXTS_DIR", "data/texts"),
        ] {
            let path = PathBuf::from(value(setting, default));
            if path.exists() && !path.is_dir() {
                return Err(format!(
                    "{setting}: \"{}\" is a file, not a folder",
                    path.display()
                ));
            }
        }
        if !development && public_url.is_none() {
            return Err(
                "PUBLIC_URL: required when DOORSTEP_ENV=production: links in emails start with it (for example https://doorstep.example-homes.org.uk)"
                    .to_owned(),
            );
        }
        if !development && smtp_url.is_none() {
            return Err(
                "SMTP_URL: required when DOORSTEP_ENV=production: without a mail relay every email would stay in a folder on this node (for example smtps://user:password@smtp.example.org:465)"
                    .to_owned(),
            );
        }
        let texts = text_settings(&get, development)?;
        let extra_ca_file = match get("EXTRA_CA_FILE").filter(|v| !v.trim().is_empty()) {
            None => None,
            Some(path) => {
                let path = PathBuf::from(path.trim());
                let text = std::fs::read_to_string(&path).map_err(|e| {
                    format!("EXTRA_CA_FILE: \"{}\" cannot be read ({e})", path.display())
                })?;
                if !text.contains("-----BEGIN CERTIFICATE-----") {
                    return Err(format!(
                        "EXTRA_CA_FILE: \"{}\" holds no PEM certificate (-----BEGIN CERTIFICATE-----)",
                        path.display()
                    ));
                }
                Some(path)
            }
        };
        let migrate_on_start = match value("MIGRATE_ON_START", "true").as_str() {
            "true" => true,
            "false" => false,
            other => {
                return Err(format!(
                    "MIGRATE_ON_START: \"{other}\" is not one of true or false"
                ))
            }
        };
        let drain =
            match value("DRAIN_SECONDS", if development { "0" } else { "10" }).parse::<u64>() {
                Ok(n) if n <= 300 => std::time::Duration::from_secs(n),
                _ => {
                    return Err(
                        "DRAIN_SECONDS: must be a whole number of seconds from 0 to 300".to_owned(),
                    )
                }
            };
        Ok(Config {
            s3,
            public_url,
            outbox_dir: PathBuf::from(value("OUTBOX_DIR", "data/outbox")),
            texts,
            extra_ca_file,
            migrate_on_start,
            drain,
            mail_from: get("MAIL_FROM").filter(|v| !v.trim().is_empty()),
            trust_proxy,
            smtp_url,
            sign_in_address_limit,
            contact_address_limit,
            request_time_limit,
            pool: app::server::db::PoolSettings {
                size: pool_size,
                acquire,
            },
            database_url,
            profile_path: profile_path(&value("LANDLORD_PROFILE", DEFAULT_PROFILE)),
            repairs_path: PathBuf::from(value("REPAIRS_CONFIG", "config/repairs.toml")),
            uploads_dir: PathBuf::from(value("UPLOADS_DIR", "data/uploads")),
            addr,
            metrics_addr,
            development,
            log_json,
        })
    }

    pub fn from_env() -> Result<Config, String> {
        Config::from_lookup(|name| std::env::var(name).ok())
    }
}

/// Reads a TOML file into `T`; a syntax problem names the file and line.
fn read_toml<T: serde::de::DeserializeOwned>(path: &Path, hint: &str) -> Result<T, String> {
    let shown = path.display();
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("{shown}: cannot be read ({e}); {hint}"))?;
    toml::from_str(&text).map_err(|e| {
        let detail = e.message().to_owned();
        match e.span() {
            Some(span) => {
                let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
                format!("{shown}: line {line}: {detail}")
            }
            None => format!("{shown}: {detail}"),
        }
    })
}

fn every_problem(path: &Path, errors: Vec<app::domain::profile::ProfileError>) -> String {
    let list: Vec<String> = errors
        .iter()
        .map(|e| format!("{}: {e}", path.display()))
        .collect();
    list.join("\n")
}

/// Reads and checks a profile file. The message names the file, then the field and problem.
pub fn load_profile(path: &Path) -> Result<PolicyProfile, String> {
    let raw: RawProfile = read_toml(path, "set LANDLORD_PROFILE to a profile in config/profiles")?;
    raw.validate().map_err(|errors| every_problem(path, errors))
}

/// Reads and checks the repairs tree against the profile's priorities.
pub fn load_repairs(path: &Path, profile: &PolicyProfile) -> Result<RepairSetup, String> {
    let raw: RawRepairSetup = read_toml(path, "set REPAIRS_CONFIG to the repairs tree")?;
    raw.validate(&profile.repair_priorities)
        .map_err(|errors| every_problem(path, errors))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn lookup(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |k| map.get(k).cloned()
    }

    #[test]
    fn defaults_give_a_development_server_on_sqlite() {
        let c = Config::from_lookup(lookup(&[])).expect("valid");
        assert_eq!(c.database_url, DEFAULT_DATABASE_URL);
        assert_eq!(
            c.profile_path,
            PathBuf::from("config/profiles/northfield.toml")
        );
        assert_eq!(c.addr.to_string(), DEFAULT_ADDR);
        assert!(c.development);
    }

    #[test]
    fn each_bad_variable_is_named_in_the_message() {
        for (name, value) in [
            ("LEPTOS_SITE_ADDR", "nowhere"),
            ("DOORSTEP_ENV", "staging"),
            ("LOG_FORMAT", "xml"),
            ("DATABASE_URL", "mysql://localhost/db"),
        ] {
            let err = Config::from_lookup(lookup(&[(name, value)])).expect_err("invalid");
            assert!(err.starts_with(name), "{err}");
        }
    }

    #[test]
    fn production_needs_a_mail_relay_and_texts_that_reach_someone() {
        let production = [
            ("DOORSTEP_ENV", "production"),
            ("PUBLIC_URL", "https://doorstep.example.org"),
        ];
        let err = Config::from_lookup(lookup(&production)).expect_err("no relay");
        assert!(err.starts_with("SMTP_URL: required"), "{err}");
        let with_relay = [
            production[0],
            production[1],
            ("SMTP_URL", "smtps://u:p@smtp.example.org"),
        ];
        let c = Config::from_lookup(lookup(&with_relay)).expect("a relay");
        assert!(matches!(c.texts, TextSettings::Off), "{:?}", c.texts);
        let mut files = with_relay.to_vec();
        files.push(("TEXT_PROVIDER", "files"));
        let err = Config::from_lookup(lookup(&files)).expect_err("files");
        assert!(
            err.starts_with("TEXT_PROVIDER: files is for development"),
            "{err}"
        );
        let mut esendex = with_relay.to_vec();
        esendex.push(("TEXT_PROVIDER", "esendex"));
        let err = Config::from_lookup(lookup(&esendex)).expect_err("no account");
        assert_eq!(
            err,
            "ESENDEX_ACCOUNT_REFERENCE: must be set when TEXT_PROVIDER=esendex"
        );
        esendex.extend([
            ("ESENDEX_ACCOUNT_REFERENCE", "EX0000000"),
            ("ESENDEX_USERNAME", "api@example.org"),
            ("ESENDEX_PASSWORD", "secret"),
            ("TEXT_FROM", "Northfield"),
        ]);
        let c = Config::from_lookup(lookup(&esendex)).expect("esendex");
        let TextSettings::Esendex(e) = &c.texts else {
            panic!("esendex")
        };
        assert_eq!(e.url, "https://api.esendex.com");
        assert!(
            !format!("{c:?}").contains("secret"),
            "no password in the debug form"
        );
        assert_eq!(c.drain, std::time::Duration::from_secs(10));
        esendex.push(("TEXT_FROM", "Northfield Homes Ltd"));
        let err = Config::from_lookup(lookup(&esendex)).expect_err("long sender");
        assert!(err.starts_with("TEXT_FROM:"), "{err}");
        let c = Config::from_lookup(lookup(&[])).expect("development");
        assert!(matches!(c.texts, TextSettings::Files(_)));
        assert_eq!(c.drain, std::time::Duration::ZERO);
        assert!(c.migrate_on_start);
    }

    #[test]
    fn an_extra_certificate_authority_must_be_a_pem_file() {
        let dir = std::env::temp_dir().join(format!("doorstep-ca-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("folder");
        let missing = dir.join("missing.pem");
        let err = Config::from_lookup(lookup(&[("EXTRA_CA_FILE", missing.to_str().unwrap())]))
            .expect_err("missing");
        assert!(err.starts_with("EXTRA_CA_FILE:"), "{err}");
        let not_pem = dir.join("ca.txt");
        std::fs::write(&not_pem, "hello").expect("write");
        let err = Config::from_lookup(lookup(&[("EXTRA_CA_FILE", not_pem.to_str().unwrap())]))
            .expect_err("not pem");
        assert!(err.contains("no PEM certificate"), "{err}");
    }

    #[test]
    fn a_profile_may_be_named_or_given_as_a_path() {
        assert_eq!(
            profile_path("glenbrae"),
            PathBuf::from("config/profiles/glenbrae.toml")
        );
        assert_eq!(
            profile_path("/etc/doorstep/mine.toml"),
            PathBuf::from("/etc/doorstep/mine.toml")
        );
    }

    #[test]
    fn the_shipped_profiles_load() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        for name in ["northfield", "glenbrae"] {
            let path = root.join(profile_path(name));
            let profile = load_profile(&path).unwrap_or_else(|e| panic!("{e}"));
            // The shipped repairs tree suits both: their priority codes are the same.
            load_repairs(&root.join("config/repairs.toml"), &profile)
                .unwrap_or_else(|e| panic!("{name}: {e}"));
        }
    }

    #[test]
    fn the_contact_address_limit_is_a_positive_number() {
        let c = Config::from_lookup(lookup(&[])).expect("defaults");
        assert_eq!(c.contact_address_limit, 10);
        let c = Config::from_lookup(lookup(&[("CONTACT_ADDRESS_LIMIT", "200")])).expect("set");
        assert_eq!(c.contact_address_limit, 200);
        for bad in ["0", "-1", "many"] {
            let err = Config::from_lookup(lookup(&[("CONTACT_ADDRESS_LIMIT", bad)]))
                .expect_err("refused");
            assert!(err.starts_with("CONTACT_ADDRESS_LIMIT:"), "{err}");
        }
    }

    #[test]
    fn the_sign_in_address_limit_is_a_positive_number() {
        let c = Config::from_lookup(lookup(&[])).expect("defaults");
        assert_eq!(c.sign_in_address_limit, 50);
        let c = Config::from_lookup(lookup(&[("SIGN_IN_ADDRESS_LIMIT", "400")])).expect("set");
        assert_eq!(c.sign_in_address_limit, 400);
        for bad in ["0", "-3", "lots"] {
            let err = Config::from_lookup(lookup(&[("SIGN_IN_ADDRESS_LIMIT", bad)]))
                .expect_err("refused");
            assert!(err.starts_with("SIGN_IN_ADDRESS_LIMIT:"), "{err}");
        }
    }

    #[test]
    fn an_object_store_needs_its_endpoint_and_keys() {
        let c = Config::from_lookup(lookup(&[])).expect("defaults");
        assert!(c.s3.is_none());
        let err = Config::from_lookup(lookup(&[("S3_BUCKET", "photos")])).expect_err("incomplete");
        assert_eq!(err, "S3_ENDPOINT: must be set when S3_BUCKET is");
        let err = Config::from_lookup(lookup(&[
            ("S3_BUCKET", "photos"),
            ("S3_ENDPOINT", "s3.example.org"),
        ]))
        .expect_err("no scheme");
        assert!(err.starts_with("S3_ENDPOINT:"), "{err}");
        let c = Config::from_lookup(lookup(&[
            ("S3_BUCKET", "photos"),
            ("S3_ENDPOINT", "https://s3.example.org/"),
            ("S3_ACCESS_KEY_ID", "AK"),
            ("S3_SECRET_ACCESS_KEY", "SK"),
        ]))
        .expect("complete");
        let s3 = c.s3.expect("s3");
        assert_eq!(
            (s3.endpoint.as_str(), s3.region.as_str()),
            ("https://s3.example.org", "us-east-1")
        );
        assert_eq!(
            (s3.timeout, s3.retries),
            (std::time::Duration::from_secs(120), 3)
        );
        let store = [
            ("S3_BUCKET", "photos"),
            ("S3_ENDPOINT", "https://s3.example.org/"),
            ("S3_ACCESS_KEY_ID", "AK"),
            ("S3_SECRET_ACCESS_KEY", "SK"),
        ];
        let with = |extra: [(&'static str, &'static str); 2]| {
            Config::from_lookup(lookup(&[store.as_slice(), extra.as_slice()].concat()))
        };
        let c = with([("S3_TIMEOUT_SECONDS", "20"), ("S3_RETRIES", "0")]).expect("set");
        let s3 = c.s3.expect("s3");
        assert_eq!(
            (s3.timeout, s3.retries),
            (std::time::Duration::from_secs(20), 0)
        );
        for (name, bad) in [
            ("S3_TIMEOUT_SECONDS", "0"),
            ("S3_TIMEOUT_SECONDS", "soon"),
            ("S3_RETRIES", "11"),
            ("S3_RETRIES", "-1"),
        ] {
            let err = with([(name, bad), ("LOG_FORMAT", "text")]).expect_err("refused");
            assert!(err.starts_with(name), "{name}={bad}: {err}");
        }
    }

    #[test]
    fn a_broken_repairs_tree_stops_start_up_naming_the_file_and_place() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let profile = load_profile(&root.join(profile_path("northfield"))).expect("profile");
        let dir = std::env::temp_dir().join(format!("doorstep-repairs-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let path = dir.join("repairs.toml");
        let shipped = std::fs::read_to_string(root.join("config/repairs.toml")).expect("tree");
        std::fs::write(
            &path,
            shipped.replace("priority = \"urgent\"", "priority = \"soonish\""),
        )
        .expect("write");
        let err = load_repairs(&path, &profile).expect_err("invalid");
        assert!(
            err.contains(
                "repairs.toml: outcomes[1].priority: \"soonish\" is not a repair priority"
            ),
            "{err}"
        );
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn a_broken_profile_names_the_file_and_field() {
        let dir = std::env::temp_dir().join(format!("doorstep-profile-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join("broken.toml");
        std::fs::write(&path, "nation = \"england\"\n[landlord]\nname = \"X\"\n").expect("write");
        let err = load_profile(&path).expect_err("invalid");
        assert!(
            err.contains("broken.toml: landlord.phone: is missing"),
            "{err}"
        );
        assert!(err.contains("office_hours: is missing"), "{err}");
        std::fs::write(&path, "nation = \"england\"\nlandlrd = 3\n").expect("write");
        let err = load_profile(&path).expect_err("invalid");
        assert!(
            err.contains("broken.toml: line 2") && err.contains("landlrd"),
            "{err}"
        );
        let missing = load_profile(&dir.join("absent.toml")).expect_err("missing");
        assert!(missing.contains("absent.toml: cannot be read"), "{missing}");
    }

    #[test]
    fn in_production_an_smtp_password_must_travel_over_tls() {
        for refused in [
            "smtp://doorstep:secret@smtp.example.org:587",
            "smtp://doorstep:secret@smtp.example.org:587?tls=opportunistic",
            "smtp://doorstep@smtp.example.org:25",
        ] {
            let problem = smtp_problem(refused, false).expect(refused);
            assert!(problem.starts_with("SMTP_URL:") && !problem.contains("secret"));
            assert_eq!(smtp_problem(refused, true), None, "development is local");
        }
        for allowed in [
            "smtps://doorstep:secret@smtp.example.org:465",
            "smtp://doorstep:secret@smtp.example.org:587?tls=required",
            "smtp://relay.internal:25",
        ] {
            assert_eq!(smtp_problem(allowed, false), None, "{allowed}");
        }
        let err = Config::from_lookup(lookup(&[
            ("DOORSTEP_ENV", "production"),
            ("SMTP_URL", "smtp://u:p@mail.example.org:587"),
        ]))
        .expect_err("refused");
        assert!(err.contains("sent in clear"), "{err}");
    }

    #[test]
    fn settings_that_cannot_work_are_refused_at_start_naming_the_setting() {
        let err = Config::from_lookup(lookup(&[("MAIL_FROM", "Northfield Homes")]))
            .expect_err("not an address");
        assert!(err.starts_with("MAIL_FROM:"), "{err}");
        assert!(Config::from_lookup(lookup(&[(
            "MAIL_FROM",
            "Northfield Homes <doorstep@northfield.example>"
        )]))
        .is_ok());
        let file =
            std::env::temp_dir().join(format!("doorstep-not-a-folder-{}", std::process::id()));
        std::fs::write(&file, b"x").expect("a file");
        let err = Config::from_lookup(lookup(&[("UPLOADS_DIR", file.to_str().expect("path"))]))
            .expect_err("a file");
        assert!(
            err.starts_with("UPLOADS_DIR:") && err.contains("is a file"),
            "{err}"
        );
        let _ = std::fs::remove_file(&file);
        let err = Config::from_lookup(lookup(&[("DOORSTEP_ENV", "production")]))
            .expect_err("no public address");
        assert!(err.starts_with("PUBLIC_URL:"), "{err}");
        assert!(Config::from_lookup(lookup(&[
            ("DOORSTEP_ENV", "production"),
            ("PUBLIC_URL", "https://doorstep.example-homes.org.uk"),
            ("SMTP_URL", "smtp://relay.internal:25"),
        ]))
        .is_ok());
    }
}
