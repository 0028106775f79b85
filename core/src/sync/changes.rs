//! Reading a changeset's rows: table, kind, key and values.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use rusqlite::fallible_streaming_iterator::FallibleStreamingIterator;
use rusqlite::hooks::Action;
use rusqlite::session::{ChangesetItem, ChangesetIter};
use rusqlite::types::{Value, ValueRef};

use crate::error::Result;

/// One changed row.
#[derive(Debug, Clone)]
pub(crate) struct Change {
    pub table: String,
    pub kind: Action,
    /// The row's key as a JSON array.
    pub pk: String,
    /// For an event added ([`super::is_event_table`]): its values other than its key, by column
    /// number. Empty otherwise.
    pub event_values: Vec<(usize, Value)>,
}

/// The rows `changeset` changes, in its order.
pub(crate) fn read(changeset: &[u8]) -> Result<Vec<Change>> {
    let mut input: &[u8] = changeset;
    let reader: &mut dyn std::io::Read = &mut input;
    let mut iter = ChangesetIter::start_strm(&reader)?;
    let mut out = Vec::new();
    while let Some(item) = iter.next()? {
        let op = item.op()?;
        let table = op.table_name().to_owned();
        let mut event_values = Vec::new();
        if op.code() == Action::SQLITE_INSERT && super::is_event_table(&table) {
            let flags = item.pk()?.to_vec();
            for (i, flag) in flags.iter().enumerate() {
                if *flag == 0 {
                    event_values.push((i, owned(item.new_value(i)?)));
                }
            }
        }
        out.push(Change {
            kind: op.code(),
            pk: pk_of(item, op.code())?,
            table,
            event_values,
        });
    }
    Ok(out)
}

/// The key of the row `item` changes, as a JSON array.
pub(crate) fn pk_of(item: &ChangesetItem, kind: Action) -> rusqlite::Result<String> {
    let flags = item.pk()?.to_vec();
    let mut values = Vec::new();
    for (i, flag) in flags.iter().enumerate() {
        if *flag != 0 {
            let value = match kind {
                Action::SQLITE_INSERT => item.new_value(i)?,
                _ => item.old_value(i)?,
            };
            values.push(json_of(value));
        }
    }
    Ok(serde_json::Value::Array(values).to_string())
}

/// A value as JSON: a blob as `{"base64": "…"}`.
pub(crate) fn json_of(value: ValueRef<'_>) -> serde_json::Value {
    match value {
        ValueRef::Null => serde_json::Value::Null,
        ValueRef::Integer(i) => i.into(),
        ValueRef::Real(r) => r.into(),
        ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned().into(),
        ValueRef::Blob(b) => serde_json::json!({ "base64": BASE64.encode(b) }),
    }
}

/// A JSON value back as SQL, as [`json_of`] wrote it.
pub(crate) fn sql_of(value: &serde_json::Value) -> Value {
    match value {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Integer(i64::from(*b)),
        serde_json::Value::Number(n) => match n.as_i64() {
            Some(i) => Value::Integer(i),
            None => Value::Real(n.as_f64().unwrap_or_default()),
        },
        serde_json::Value::String(s) => Value::Text(s.clone()),
        serde_json::Value::Object(o) => match o.get("base64").and_then(|b| b.as_str()) {
            Some(b) => BASE64.decode(b).map(Value::Blob).unwrap_or(Value::Null),
            None => Value::Text(value.to_string()),
        },
        serde_json::Value::Array(_) => Value::Text(value.to_string()),
    }
}

/// A value out of a changeset, kept.
pub(crate) fn owned(value: ValueRef<'_>) -> Value {
    match value {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::Integer(i),
        ValueRef::Real(r) => Value::Real(r),
        ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Value::Blob(b.to_vec()),
    }
}

/// A row as a JSON object of column -> value.
pub(crate) type Row = serde_json::Map<String, serde_json::Value>;

/// The whole rows a change left, by table and key: what a device applying it sets the row to
/// when the change wins.
pub(crate) type Rows = std::collections::HashMap<(String, String), Row>;

/// The row of `table` whose key is `pk` (a JSON array), if it is there.
pub(crate) fn read_row(conn: &rusqlite::Connection, table: &str, pk: &str) -> Result<Option<Row>> {
    let keys = key_columns(conn, table)?;
    let key: Vec<serde_json::Value> = serde_json::from_str(pk).unwrap_or_default();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT * FROM \"{table}\" WHERE {}",
        where_keys(&keys, 1)
    ))?;
    let names: Vec<String> = stmt.column_names().into_iter().map(str::to_owned).collect();
    let mut rows = stmt.query(rusqlite::params_from_iter(key.iter().map(sql_of)))?;
    let Some(row) = rows.next()? else {
        return Ok(None);
    };
    let mut out = Row::new();
    for (i, name) in names.into_iter().enumerate() {
        out.insert(name, json_of(row.get_ref(i)?));
    }
    Ok(Some(out))
}

/// The table's key columns, in key order.
pub(crate) fn key_columns(conn: &rusqlite::Connection, table: &str) -> Result<Vec<String>> {
    let mut stmt =
        conn.prepare_cached("SELECT name FROM pragma_table_info(?1) WHERE pk > 0 ORDER BY pk")?;
    let names = stmt.query_map([table], |r| r.get(0))?;
    Ok(names.collect::<rusqlite::Result<_>>()?)
}

/// `"k1" = ?first AND "k2" = ?first+1 …`
pub(crate) fn where_keys(keys: &[String], first: usize) -> String {
    keys.iter()
        .enumerate()
        .map(|(n, k)| format!("\"{k}\" = ?{}", n + first))
        .collect::<Vec<_>>()
        .join(" AND ")
}

/// The rows as stored in a file: `[[table, key, row], …]`.
pub(crate) fn rows_text(rows: &Rows) -> String {
    let list: Vec<(&String, &String, &Row)> = rows.iter().map(|((t, k), r)| (t, k, r)).collect();
    serde_json::to_string(&list).unwrap_or_else(|_| "[]".into())
}

/// The rows a file holds; `None` if the text is not such a list.
pub(crate) fn rows_from(text: &[u8]) -> Option<Rows> {
    let list: Vec<(String, String, Row)> = serde_json::from_slice(text).ok()?;
    Some(list.into_iter().map(|(t, k, r)| ((t, k), r)).collect())
}
