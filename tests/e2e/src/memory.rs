//! What a running app costs in memory, read from /proc: the app's process and everything it
//! started (WebKit's web and network processes), found through the parent of each process.

use std::path::Path;

use crate::Result;

/// Memory of a process tree, in bytes.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct TreeMemory {
    /// Resident set size, summed over the processes: shared pages count once per process.
    pub rss: u64,
    /// Proportional set size: each shared page split between the processes sharing it.
    pub pss: u64,
    pub processes: usize,
}

/// Every live process as (pid, parent pid, command name).
fn processes() -> Result<Vec<(u32, u32, String)>> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir("/proc")?.filter_map(|e| e.ok()) {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|n| n.parse::<u32>().ok())
        else {
            continue;
        };
        // A process may end while we look: skip it.
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        // "pid (comm) state ppid …"; comm may hold spaces and parentheses.
        let (Some(open), Some(close)) = (stat.find('('), stat.rfind(')')) else {
            continue;
        };
        let comm = stat[open + 1..close].to_string();
        let mut rest = stat[close + 1..].split_whitespace();
        let state = rest.next().unwrap_or("Z");
        let Some(ppid) = rest.next().and_then(|p| p.parse::<u32>().ok()) else {
            continue;
        };
        if state != "Z" {
            found.push((pid, ppid, comm));
        }
    }
    Ok(found)
}

/// The id of the process below `ancestor` whose program is `program` (the first found).
pub fn find_descendant(ancestor: u32, program: &Path) -> Result<Option<u32>> {
    let program = program.canonicalize()?;
    let all = processes()?;
    let below = descendants(&all, ancestor);
    Ok(below
        .into_iter()
        .find(|pid| std::fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|exe| exe == program)))
}

fn descendants(all: &[(u32, u32, String)], root: u32) -> Vec<u32> {
    let mut found = vec![];
    let mut frontier = vec![root];
    while let Some(parent) = frontier.pop() {
        for (pid, ppid, _) in all {
            if *ppid == parent {
                found.push(*pid);
                frontier.push(*pid);
            }
        }
    }
    found
}

/// The value in kB of `key` ("Rss:", "Pss:") in a /proc status or smaps_rollup text, in bytes.
fn kb_field(text: &str, key: &str) -> Option<u64> {
    let line = text.lines().find(|l| l.starts_with(key))?;
    let kb: u64 = line[key.len()..].split_whitespace().next()?.parse().ok()?;
    Some(kb * 1024)
}

/// Memory of `root` and all its descendants, with the command name of each process.
pub fn tree_memory(root: u32) -> Result<(TreeMemory, Vec<String>)> {
    let all = processes()?;
    let mut pids = vec![root];
    pids.extend(descendants(&all, root));
    let mut total = TreeMemory::default();
    let mut names = Vec::new();
    for pid in pids {
        let Ok(rollup) = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")) else {
            continue;
        };
        total.rss += kb_field(&rollup, "Rss:").unwrap_or(0);
        total.pss += kb_field(&rollup, "Pss:").unwrap_or(0);
        total.processes += 1;
        if let Some((_, _, comm)) = all.iter().find(|(p, _, _)| *p == pid) {
            names.push(comm.clone());
        }
    }
    Ok((total, names))
}
