//! Reading nldump's JSON lines in tests: messages of a sample, attributes
//! by name and path, attribute counts.

use serde_json::Value;

/// The JSON lines of `nldump -r samples/CAPTURE --json`, which must exit 0.
pub fn messages(capture: &str) -> Vec<Value> {
    let (code, v) = super::json_lines(&super::sample(capture));
    assert_eq!(code, 0, "{capture}");
    v
}

/// The attribute (or field) named `name` among `nodes`.
pub fn child<'a>(nodes: &'a Value, name: &str) -> &'a Value {
    nodes
        .as_array()
        .and_then(|a| a.iter().find(|n| n["name"] == name))
        .unwrap_or_else(|| panic!("no {name} in {nodes}"))
}

/// All children named `name`.
pub fn children<'a>(nodes: &'a Value, name: &str) -> Vec<&'a Value> {
    nodes
        .as_array()
        .into_iter()
        .flatten()
        .filter(|n| n["name"] == name)
        .collect()
}

/// Follows a path of names from a message's attributes.
pub fn at<'a>(m: &'a Value, path: &[&str]) -> &'a Value {
    let mut n = &m["attrs"];
    let mut last = &Value::Null;
    for p in path {
        last = child(n, p);
        n = &last["attrs"];
    }
    last
}

/// The messages whose type is `ty`.
pub fn of_type<'a>(msgs: &'a [Value], ty: &str) -> Vec<&'a Value> {
    msgs.iter().filter(|m| m["type"] == ty).collect()
}

/// Counts attribute nodes below `nodes` (those with a type number) and the
/// named ones among them.
pub fn count_attrs(nodes: &Value, named: &mut usize, all: &mut usize) {
    for n in nodes.as_array().into_iter().flatten() {
        if !n["type"].is_null() {
            *all += 1;
            if !n["name"].is_null() {
                *named += 1;
            }
        }
        count_attrs(&n["attrs"], named, all);
    }
}
