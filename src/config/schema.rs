//! The JSON schema of `mdlinks.toml`, made from the option types (and each
//! rule's options) with schemars: editors complete and check keys with it
//! (`mdlinks config --schema`, `mdlinks.schema.json`).

use crate::report::OutputFormat;
use crate::rules::{ALL, REGISTRY};
use clap::ValueEnum;
use schemars::generate::SchemaSettings;
use schemars::transform::RecursiveTransform;
use schemars::{Schema, SchemaGenerator, json_schema};
use serde_json::{Map, Value};

/// What makes the schema: draft-07 (which taplo and Even Better TOML
/// read), without nulls.
pub fn generator() -> SchemaGenerator {
    SchemaSettings::draft07()
        .with_transform(RecursiveTransform(without_null))
        .into_generator()
}

/// TOML has no null: an option left out is absent, not null. (schemars
/// writes an `Option` as "its type or null".)
fn without_null(schema: &mut Schema) {
    if schema.get("default") == Some(&Value::Null) {
        schema.remove("default");
    }
    if let Some(Value::Array(types)) = schema.get_mut("type") {
        types.retain(|t| t != "null");
        if let [only] = types.as_slice() {
            let only = only.clone();
            schema.insert("type".into(), only);
        }
    }
    if let Some(Value::Array(any_of)) = schema.get_mut("anyOf") {
        any_of.retain(|s| s.get("type").and_then(Value::as_str) != Some("null"));
        if let [only] = any_of.as_slice() {
            let only = only.clone();
            schema.remove("anyOf");
            if let Value::Object(only) = only {
                for (key, value) in only {
                    schema.insert(key, value);
                }
            }
        }
    }
}

/// The names a rule list may hold: every rule's, and `ALL`.
fn rule_name() -> Value {
    let names: Vec<&str> = REGISTRY.iter().map(|e| e.meta.name).chain([ALL]).collect();
    serde_json::json!({ "type": "string", "enum": names })
}

pub fn rule_names(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": "array", "items": rule_name() })
}

pub fn per_file_ignores(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "description": "Glob (relative to this file's directory; one without `/` matches at any depth) → rules not run on the matching files.",
        "type": "object",
        "additionalProperties": { "type": "array", "items": rule_name() }
    })
}

pub fn output_format(_: &mut SchemaGenerator) -> Schema {
    let names: Vec<String> = OutputFormat::value_variants()
        .iter()
        .filter_map(|f| f.to_possible_value())
        .map(|v| v.get_name().to_owned())
        .collect();
    json_schema!({ "type": "string", "enum": names })
}

pub fn file_size(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "description": "Bytes, or a size with a unit: KiB, MiB, GiB, KB, MB, GB (\"4MiB\").",
        "oneOf": [
            { "type": "integer", "minimum": 1 },
            { "type": "string", "pattern": "^\\s*[0-9]+\\s*([KMG]i?B|B|bytes)?\\s*$" }
        ]
    })
}

/// `[rules.<name>]`: each rule's options, as its type says, and `severity`.
/// `online = true`, or the `[online]` table.
pub fn online(generator: &mut SchemaGenerator) -> Schema {
    let table = generator.subschema_for::<crate::online::OnlineSection>();
    json_schema!({ "anyOf": [{ "type": "boolean" }, table] })
}

pub fn rules(generator: &mut SchemaGenerator) -> Schema {
    let mut properties = Map::new();
    for entry in REGISTRY {
        let mut schema = inline((entry.schema)(generator), generator);
        let object = schema.ensure_object();
        let summary = entry.meta.summary.replace('`', "");
        object.insert(
            "description".into(),
            format!("{summary} (`mdlinks explain {}`).", entry.meta.name).into(),
        );
        object.remove("title");
        let fields = object
            .entry("properties")
            .or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(fields) = fields {
            fields.insert(
                "severity".into(),
                serde_json::json!({
                    "description": "How findings count: \"warning\" fails only with `strict`; \"off\" switches the rule off, \"error\" or \"warning\" on.",
                    "type": "string",
                    "enum": ["error", "warning", "off"]
                }),
            );
        }
        object.insert("type".into(), "object".into());
        object.insert("additionalProperties".into(), false.into());
        properties.insert(entry.meta.name.into(), schema.to_value());
    }
    json_schema!({
        "description": "Each rule's options and severity (see `mdlinks rules`).",
        "type": "object",
        "properties": properties,
        "additionalProperties": false
    })
}

/// A schema that refers to a definition (`UrlTracking` is its parameters,
/// transparently), as the definition itself: a rule's table gets
/// `severity` beside its options, which a reference cannot.
fn inline(schema: Schema, generator: &SchemaGenerator) -> Schema {
    let Some(reference) = schema.get("$ref").and_then(Value::as_str) else {
        return schema;
    };
    let name = reference.rsplit('/').next().unwrap_or_default();
    generator
        .definitions()
        .get(name)
        .cloned()
        .and_then(|value| Schema::try_from(value).ok())
        .unwrap_or(schema)
}
