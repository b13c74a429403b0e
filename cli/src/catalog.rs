//! The service catalogue in the command: the options of `iam-ecs check`
//! (`--no-catalog`, `--catalog DIR`, `--strict-catalog`) and
//! `iam-ecs catalog info`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::OnceLock;

use iam_ecs::policy::CheckOptions;
use iam_ecs_catalog::Catalog;

/// The catalogue options of `iam-ecs check`.
#[derive(Debug, Clone, clap::Args)]
pub struct CheckArgs {
    /// Check without the service catalogue (no unknown-action, condition
    /// key or resource-ARN checks).
    #[arg(long, conflicts_with_all = ["catalog", "strict_catalog"])]
    no_catalog: bool,
    /// Merge a newer copy of AWS's service reference (a directory with
    /// index.json and v1/<svc>/<svc>.json) over the embedded catalogue.
    #[arg(long, value_name = "DIR")]
    catalog: Option<PathBuf>,
    /// Report a name absent from the catalogue (an unknown action, service
    /// or condition key) with AWS's grade, an error, instead of a warning.
    #[arg(long)]
    strict_catalog: bool,
}

/// The catalogue `check` uses, loaded once.
static LOADED: OnceLock<Option<&'static Catalog>> = OnceLock::new();

/// The embedded catalogue, with `dir` merged over it when given.
pub fn load(dir: Option<&PathBuf>) -> Result<&'static Catalog, String> {
    let embedded = Catalog::embedded();
    match dir {
        None => Ok(embedded),
        Some(d) => {
            let newer = Catalog::from_service_reference(d).map_err(|e| e.to_string())?;
            // One catalogue per run of the command, kept for its length.
            Ok(Box::leak(Box::new(embedded.merge(&newer))))
        }
    }
}

impl CheckArgs {
    /// Loads the catalogue the options ask for (once).
    pub fn load(&self) -> Result<(), String> {
        let cat = if self.no_catalog {
            None
        } else {
            Some(load(self.catalog.as_ref())?)
        };
        let _ = LOADED.set(cat);
        Ok(())
    }

    /// `opts` with the catalogue and strictness asked for.
    pub fn apply(&self, opts: CheckOptions) -> CheckOptions {
        let cat = LOADED.get().copied().flatten();
        opts.catalog(cat.map(|c| c as &'static dyn iam_ecs::policy::ServiceCatalog))
            .strict_catalog(self.strict_catalog)
    }
}

/// Arguments of `iam-ecs catalog`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// The catalogue's date, source and counts.
    Info {
        /// Merge a newer copy of AWS's service reference over the embedded
        /// catalogue first.
        #[arg(long, value_name = "DIR")]
        catalog: Option<PathBuf>,
    },
}

/// Runs `iam-ecs catalog`.
pub fn run(args: Args) -> Result<ExitCode, String> {
    match args.command {
        Command::Info { catalog } => {
            let cat = load(catalog.as_ref())?;
            let (services, actions, resources, keys) = cat.counts();
            outln!("date: {}", cat.date());
            outln!("source: {}", cat.source());
            outln!(
                "services: {services}\nactions: {actions}\nresource types: {resources}\ncondition keys: {keys} ({} global)",
                cat.global_keys().len()
            );
            outln!(
                "embedded data: {} bytes (deflated)",
                Catalog::embedded_size()
            );
            outln!("refresh: {}", iam_ecs_catalog::REFRESH_HINT);
            Ok(ExitCode::SUCCESS)
        }
    }
}
