//! What is worked out from the whole file and asked for again and again (the network's graph,
//! read for each intro path): kept, one value per type, until the file changes.

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use super::Database;
use crate::error::Result;

/// The state of the file a value was worked out from: the rows this connection has changed so
/// far (`sqlite3_total_changes64`, any statement, committed or not) and SQLite's
/// `data_version`, which moves when another connection commits.
type Stamp = (u64, i64);

type Kept = (Stamp, Arc<dyn Any + Send + Sync>);

impl Database {
    /// `make(self)`, worked out again only once the file has changed since the value kept (a
    /// write by this connection, even one rolled back, or a commit by any other): for what is
    /// read from the whole file and asked for again and again, such as the network's graph.
    pub(crate) fn derived<T: Any + Send + Sync>(
        &self,
        make: impl FnOnce(&Database) -> Result<T>,
    ) -> Result<Arc<T>> {
        let stamp = (self.conn.total_changes(), self.others_commits()?);
        if let Some(kept) = self.derived.get::<T>(stamp) {
            return Ok(kept);
        }
        let value = Arc::new(make(self)?);
        self.derived.keep(stamp, value.clone());
        Ok(value)
    }

    /// SQLite's `data_version`: it moves when another connection (the command line, another
    /// process) commits to the file, never for this connection's own writes.
    pub(crate) fn others_commits(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// Like [`Database::derived`], for a value that also depends on `key` (such as the minute
    /// it was worked out for): kept while both the file and the key stay the same. One value
    /// of type `T` is kept, for the last key asked.
    pub(crate) fn derived_for<K, T>(
        &self,
        key: K,
        make: impl FnOnce(&Database) -> Result<T>,
    ) -> Result<Arc<T>>
    where
        K: PartialEq + Send + Sync + 'static,
        T: Send + Sync + 'static,
    {
        let kept = self.derived(|_| Ok(Keyed::<K, T>(Mutex::new(None))))?;
        let mut slot = kept.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((at, value)) = slot.as_ref() {
            if *at == key {
                return Ok(value.clone());
            }
        }
        // Dropped before its successor is made, as in `Derived::get`.
        *slot = None;
        let value = Arc::new(make(self)?);
        *slot = Some((key, value.clone()));
        Ok(value)
    }
}

/// The slot [`Database::derived_for`] keeps its value in, with the key it was made for; the
/// slot itself is kept (and dropped) with the file's state, as any derived value.
struct Keyed<K, T>(Mutex<Option<(K, Arc<T>)>>);

#[derive(Default)]
pub(super) struct Derived(Mutex<HashMap<TypeId, Kept>>);

impl Derived {
    /// The value of type `T` worked out at `stamp`, if it is kept. One worked out earlier is
    /// dropped here, before its successor is made: the two are never held at once, and the
    /// successor reuses the memory (a graph of 10,000 people is megabytes).
    pub fn get<T: Any + Send + Sync>(&self, stamp: Stamp) -> Option<Arc<T>> {
        let mut kept = self.lock();
        let (at, value) = kept.get(&TypeId::of::<T>())?;
        if *at != stamp {
            let stale = kept.remove(&TypeId::of::<T>());
            drop(kept);
            drop(stale);
            return None;
        }
        value.clone().downcast::<T>().ok()
    }

    pub fn keep<T: Any + Send + Sync>(&self, stamp: Stamp, value: Arc<T>) {
        self.lock().insert(TypeId::of::<T>(), (stamp, value));
    }

    pub fn clear(&self) {
        self.lock().clear();
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<TypeId, Kept>> {
        // Nothing is left half-done under the lock: a poisoned map is still whole.
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}
