//! Family specs: the declarative descriptions in `dissectors/` (embedded at
//! build time) plus any the user points at with `--spec` / `--spec-dir`.
//!
//! This module owns the spec model and the YNL reader. It knows nothing of
//! frames, rendering or terminals; `dissect` reads its tables.

pub mod model;
pub mod ynl;

pub use model::*;
use std::collections::HashMap;
use std::path::Path;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/specs.rs"));
}

/// All loaded family specs, with lookups by protocol number and genl name.
#[derive(Debug, Default)]
pub struct SpecDb {
    pub families: Vec<FamilySpec>,
    raw: HashMap<u16, Vec<usize>>,
    genl: HashMap<String, usize>,
    /// Non-fatal problems met while loading, for `--spec` users.
    pub warnings: Vec<String>,
}

impl SpecDb {
    /// An empty database (raw decoding only).
    pub fn empty() -> SpecDb {
        SpecDb::default()
    }

    /// The specs built into the binary.
    pub fn embedded() -> SpecDb {
        let mut db = SpecDb::empty();
        for (name, text) in embedded::EMBEDDED {
            match ynl::load(text, name) {
                Ok((spec, warnings)) => {
                    db.warnings.extend(warnings);
                    db.add(spec);
                }
                Err(e) => db.warnings.push(e.to_string()),
            }
        }
        db
    }

    /// Names of the embedded spec files.
    pub fn embedded_files() -> impl Iterator<Item = (&'static str, &'static str)> {
        embedded::EMBEDDED.iter().copied()
    }

    /// Adds a spec; one with the same family name replaces the old one.
    pub fn add(&mut self, spec: FamilySpec) {
        match self.families.iter().position(|f| f.name == spec.name) {
            Some(i) => self.families[i] = spec,
            None => self.families.push(spec),
        }
        self.reindex();
    }

    fn reindex(&mut self) {
        self.raw.clear();
        self.genl.clear();
        for (i, f) in self.families.iter().enumerate() {
            match f.protocol {
                Protocol::Raw { protonum } => self.raw.entry(protonum).or_default().push(i),
                Protocol::Genl => {
                    self.genl.insert(f.name.clone(), i);
                }
            }
        }
    }

    /// Loads one YNL file from disk.
    pub fn load_file(&mut self, path: &Path) -> Result<(), ynl::SpecError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| ynl::SpecError(format!("{}: {e}", path.display())))?;
        let (spec, warnings) = ynl::load(&text, &path.display().to_string())?;
        self.warnings.extend(warnings);
        self.add(spec);
        Ok(())
    }

    /// Loads every `*.yaml` in a directory (sorted, so later names win ties).
    pub fn load_dir(&mut self, dir: &Path) -> Result<usize, ynl::SpecError> {
        let rd = std::fs::read_dir(dir)
            .map_err(|e| ynl::SpecError(format!("{}: {e}", dir.display())))?;
        let mut files: Vec<_> = rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
            .collect();
        files.sort();
        for f in &files {
            self.load_file(f)?;
        }
        Ok(files.len())
    }

    /// The netlink-raw family and message definition for a message type.
    pub fn raw_message(
        &self,
        protonum: u16,
        msg_type: u16,
        to_kernel: Option<bool>,
    ) -> Option<(&FamilySpec, &MsgDef)> {
        self.raw
            .get(&protonum)?
            .iter()
            .filter_map(|&i| self.families.get(i))
            .find_map(|f| f.message(msg_type, to_kernel).map(|m| (f, m)))
    }

    /// A generic netlink family by name.
    pub fn genl(&self, name: &str) -> Option<&FamilySpec> {
        self.genl.get(name).and_then(|&i| self.families.get(i))
    }

    pub fn family(&self, name: &str) -> Option<&FamilySpec> {
        self.families.iter().find(|f| f.name == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_specs_load_cleanly() {
        let db = SpecDb::embedded();
        assert!(db.warnings.is_empty(), "{:#?}", db.warnings);
        assert!(db.genl("nlctrl").is_some());
        let (f, m) = db.raw_message(0, 16, Some(false)).unwrap();
        assert_eq!(f.name, "rt-link");
        assert_eq!(f.message_name(16, Some(false)), Some("RTM_NEWLINK"));
        assert_eq!(m.value, 16);
        let (_, m) = db.raw_message(0, 26, Some(true)).unwrap();
        assert_eq!(m.display, "RTM_GETROUTE");
        assert!(db.family("netlink-extack").is_some());
    }
}
