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
use std::sync::OnceLock;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/specs.rs"));
}

/// One family: its spec, parsed on first use for the embedded ones.
#[derive(Debug)]
struct Slot {
    name: String,
    /// Where the family is found, read from the file's top-level keys.
    protocol: Protocol,
    /// Embedded YAML not parsed yet: (file name, text).
    text: Option<(&'static str, &'static str)>,
    spec: OnceLock<Option<FamilySpec>>,
}

impl Slot {
    fn parsed(spec: FamilySpec) -> Slot {
        Slot {
            name: spec.name.clone(),
            protocol: spec.protocol.clone(),
            text: None,
            spec: OnceLock::from(Some(spec)),
        }
    }

    fn get(&self) -> Option<&FamilySpec> {
        self.spec
            .get_or_init(|| {
                let (file, text) = self.text?;
                ynl::load(text, file).ok().map(|(spec, _)| spec)
            })
            .as_ref()
    }
}

/// All loaded family specs, with lookups by protocol number and genl name.
///
/// Built-in specs are parsed when a lookup first needs them, so start-up
/// does not grow with the number of families (the issue asks for < 50 ms);
/// `tests` force them all and check they load without warnings.
#[derive(Debug, Default)]
pub struct SpecDb {
    slots: Vec<Slot>,
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

    /// The specs built into the binary (parsed lazily).
    pub fn embedded() -> SpecDb {
        let mut db = SpecDb::empty();
        for &(file, text) in embedded::EMBEDDED {
            match ynl::peek(text) {
                Some((name, protocol)) => db.insert(Slot {
                    name,
                    protocol,
                    text: Some((file, text)),
                    spec: OnceLock::new(),
                }),
                // Odd top level: parse now so the problem is reported.
                None => match ynl::load(text, file) {
                    Ok((spec, warnings)) => {
                        db.warnings.extend(warnings);
                        db.add(spec);
                    }
                    Err(e) => db.warnings.push(e.to_string()),
                },
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
        self.insert(Slot::parsed(spec));
    }

    fn insert(&mut self, slot: Slot) {
        match self.slots.iter().position(|f| f.name == slot.name) {
            Some(i) => self.slots[i] = slot,
            None => self.slots.push(slot),
        }
        self.reindex();
    }

    fn reindex(&mut self) {
        self.raw.clear();
        self.genl.clear();
        for (i, f) in self.slots.iter().enumerate() {
            match f.protocol {
                Protocol::Raw { protonum } => self.raw.entry(protonum).or_default().push(i),
                Protocol::Genl => {
                    self.genl.insert(f.name.clone(), i);
                }
            }
        }
    }

    /// Every family, parsing those not parsed yet. Problems of embedded
    /// specs parsed here are returned (a spec that fails to load is left out).
    pub fn load_all(&self) -> Vec<String> {
        let mut problems = Vec::new();
        for s in &self.slots {
            if s.spec.get().is_none() {
                if let Some((file, text)) = s.text {
                    match ynl::load(text, file) {
                        Ok((_, w)) => problems.extend(w),
                        Err(e) => problems.push(e.to_string()),
                    }
                }
            }
        }
        problems
    }

    /// Every family (parsing them all).
    pub fn families(&self) -> impl Iterator<Item = &FamilySpec> {
        self.slots.iter().filter_map(Slot::get)
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
            .filter_map(|&i| self.slots.get(i).and_then(Slot::get))
            .find_map(|f| f.message(msg_type, to_kernel).map(|m| (f, m)))
    }

    /// A generic netlink family by name.
    pub fn genl(&self, name: &str) -> Option<&FamilySpec> {
        self.genl
            .get(name)
            .and_then(|&i| self.slots.get(i))
            .and_then(Slot::get)
    }

    pub fn family(&self, name: &str) -> Option<&FamilySpec> {
        self.slots
            .iter()
            .find(|f| f.name == name)
            .and_then(Slot::get)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_specs_load_cleanly() {
        let db = SpecDb::embedded();
        assert!(db.warnings.is_empty(), "{:#?}", db.warnings);
        let problems = db.load_all();
        assert!(problems.is_empty(), "{problems:#?}");
        // What the cheap top-level scan said agrees with the full parse.
        for slot in &db.slots {
            let spec = slot.get().expect("parses");
            assert_eq!(spec.name, slot.name);
            assert_eq!(spec.protocol, slot.protocol, "{}", slot.name);
        }
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
