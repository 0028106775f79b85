//! The triggers that write a change's reverse into `history_entries` while a step is being
//! recorded. They are TEMP triggers, made on each connection from the schema as it is, so they
//! always know every column of every table (a later migration needs no new triggers) and never
//! travel in the file, its copies or its backups.
//!
//! An insert is reversed by a delete, a delete by an insert of every old value, and an update by
//! setting back only the columns it changed: a value the app itself changed later (a reminder
//! that fired) is left as it is. Rows are named by their primary key, which survives VACUUM and
//! re-encryption, where a plain rowid need not. `INSERT OR REPLACE` must not be used on these
//! tables: it deletes the old row without firing a delete trigger, so undo could not bring it back.

use rusqlite::Connection;

use crate::error::Result;

/// The table that says which step is being recorded; empty when nothing is.
pub(super) const MARKER: &str = "temp.history_recording";

/// Tables whose changes are not the user's to undo: the search index and what else is derived
/// (`derived_`: kept by triggers of their own from the tables they are worked out from), the
/// history itself, the log of pop-ups already shown, and sync's bookkeeping (what this device
/// recorded, applied and overrode).
pub(crate) fn is_recorded(table: &str) -> bool {
    !(table.starts_with("sqlite_")
        || table.starts_with("search_")
        || table.starts_with("derived_")
        || table.starts_with("history_")
        || table.starts_with("sync_")
        || table == "reminder_log")
}

/// The user tables of the schema, in name order.
pub(crate) fn recorded_tables(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT name FROM main.sqlite_schema
          WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name",
    )?;
    let names = stmt.query_map([], |r| r.get::<_, String>(0))?;
    let mut tables = Vec::new();
    for name in names {
        let name = name?;
        if is_recorded(&name) {
            tables.push(name);
        }
    }
    Ok(tables)
}

/// Makes the triggers on this connection unless they are there already.
pub(super) fn install(conn: &Connection) -> Result<()> {
    let there: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM temp.sqlite_schema
                         WHERE type = 'table' AND name = 'history_recording')",
        [],
        |r| r.get(0),
    )?;
    if there {
        return Ok(());
    }
    let mut script =
        String::from("BEGIN; CREATE TEMP TABLE history_recording (step INTEGER NOT NULL);\n");
    for table in recorded_tables(conn)? {
        let (columns, keys) = columns_of(conn, &table)?;
        script.push_str(&triggers_for(&table, &columns, &keys));
    }
    script.push_str("COMMIT;");
    conn.execute_batch(&script)?;
    Ok(())
}

/// The table's columns, and its primary key columns in key order (empty: it has none).
fn columns_of(conn: &Connection, table: &str) -> Result<(Vec<String>, Vec<String>)> {
    let mut stmt =
        conn.prepare("SELECT name, pk FROM pragma_table_xinfo(?1) WHERE hidden = 0 ORDER BY cid")?;
    let rows = stmt.query_map([table], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
    })?;
    let mut columns = Vec::new();
    let mut keyed = Vec::new();
    for row in rows {
        let (name, pk) = row?;
        if pk > 0 {
            keyed.push((pk, name.clone()));
        }
        columns.push(name);
    }
    keyed.sort();
    Ok((columns, keyed.into_iter().map(|(_, name)| name).collect()))
}

/// An SQL expression giving the literal that reproduces `row.column` exactly (REAL values with
/// all 17 digits; `quote()` alone keeps 15).
fn literal(row: &str, column: &str) -> String {
    format!(
        "CASE typeof({row}.\"{column}\") WHEN 'real' THEN printf('%!.17g', {row}.\"{column}\") \
         ELSE quote({row}.\"{column}\") END"
    )
}

/// An SQL expression giving the text `"k1" = <value> AND ...` that finds `row` again.
fn where_text(row: &str, keys: &[String]) -> String {
    if keys.is_empty() {
        return format!("'rowid = ' || {row}.rowid");
    }
    keys.iter()
        .map(|k| format!("'\"{k}\" = ' || {}", literal(row, k)))
        .collect::<Vec<_>>()
        .join(" || ' AND ' || ")
}

/// An SQL expression giving the row's key as a JSON array, for describing the step later.
fn key_json(row: &str, keys: &[String]) -> String {
    if keys.is_empty() {
        return format!("json_array({row}.rowid)");
    }
    let values: Vec<String> = keys.iter().map(|k| format!("{row}.\"{k}\"")).collect();
    format!("json_array({})", values.join(", "))
}

fn triggers_for(table: &str, columns: &[String], keys: &[String]) -> String {
    let step = format!("(SELECT step FROM {MARKER})");
    let when = format!("EXISTS (SELECT 1 FROM {MARKER})");
    let entry = |what: &str, row: &str, changed: &str, sql: &str| {
        format!(
            "INSERT INTO history_entries (step, tbl, row_key, what, changed, sql) \
             VALUES ({step}, '{table}', {}, '{what}', {changed}, {sql});",
            key_json(row, keys)
        )
    };

    let reverse_insert = format!(
        "'DELETE FROM main.\"{table}\" WHERE ' || {}",
        where_text("new", keys)
    );

    let differs = |c: &String| format!("old.\"{c}\" IS NOT new.\"{c}\"");
    let any_change = columns.iter().map(differs).collect::<Vec<_>>().join(" OR ");
    let set_back = columns
        .iter()
        .map(|c| {
            format!(
                "iif({}, ', \"{c}\" = ' || {}, '')",
                differs(c),
                literal("old", c)
            )
        })
        .collect::<Vec<_>>()
        .join(" || ");
    let changed = columns
        .iter()
        .map(|c| format!("iif({}, ',{c}', '')", differs(c)))
        .collect::<Vec<_>>()
        .join(" || ");
    let reverse_update = format!(
        "'UPDATE main.\"{table}\" SET ' || substr({set_back}, 3) || ' WHERE ' || {}",
        where_text("new", keys)
    );

    let mut all = columns.to_vec();
    let mut values: Vec<String> = columns.iter().map(|c| literal("old", c)).collect();
    if keys.is_empty() {
        all.insert(0, "rowid".into());
        values.insert(0, "old.rowid".into());
    }
    let names = all
        .iter()
        .map(|c| format!("\"{c}\""))
        .collect::<Vec<_>>()
        .join(", ");
    let reverse_delete = format!(
        "'INSERT INTO main.\"{table}\" ({names}) VALUES (' || {} || ')'",
        values.join(" || ', ' || ")
    );

    format!(
        "CREATE TEMP TRIGGER \"history_{table}_insert\" AFTER INSERT ON main.\"{table}\" WHEN {when}
         BEGIN {} END;
         CREATE TEMP TRIGGER \"history_{table}_update\" AFTER UPDATE ON main.\"{table}\"
         WHEN {when} AND ({any_change})
         BEGIN {} END;
         CREATE TEMP TRIGGER \"history_{table}_delete\" AFTER DELETE ON main.\"{table}\" WHEN {when}
         BEGIN {} END;\n",
        entry("insert", "new", "''", &reverse_insert),
        entry("update", "new", &format!("substr({changed}, 2)"), &reverse_update),
        entry("delete", "old", "''", &reverse_delete),
    )
}
