//! Links between people and intro paths: cycles, conflicts, disconnected parts, stances and a
//! graph of 10,000 people.
#![allow(clippy::unwrap_used)] // helpers of a test, where a panic is the failure report

use std::collections::HashMap;

use allies_core::journal::interactions::{self, InteractionInput, Kind};
use allies_core::maps::{self, MapInput, Position, Stance};
use allies_core::network::{self, graph_paths, Edge, LinkInput, LinkKind, Strength};
use allies_core::people::{self, PersonInput};
use allies_core::Database;
use chrono::{DateTime, TimeZone, Utc};

fn edge(a: Option<&str>, b: &str, strength: Strength, kind: LinkKind) -> Edge {
    Edge {
        a: a.map(str::to_owned),
        b: Some(b.to_owned()),
        strength,
        kind,
    }
}

fn route(path: &network::Path) -> Vec<&str> {
    path.steps.iter().map(|s| s.person_id.as_str()).collect()
}

#[test]
fn the_best_paths_go_through_strong_links_and_allies_and_never_across_a_conflict() {
    use LinkKind::*;
    use Strength::*;
    let edges = vec![
        edge(None, "priya", Strong, CloseWith),
        edge(Some("priya"), "marco", Strong, CloseWith),
        edge(Some("marco"), "vp", Medium, ReportsTo),
        edge(None, "bob", Strong, CloseWith),
        edge(Some("bob"), "vp", Strong, CloseWith),
        edge(None, "carl", Weak, CloseWith),
        edge(Some("carl"), "vp", Strong, InConflictWith),
        // A cycle that must not confuse anything.
        edge(Some("marco"), "priya", Weak, Influences),
        edge(Some("marco"), "bob", Weak, Influences),
    ];
    let stances = HashMap::from([
        ("priya".to_owned(), Stance::Champion),
        ("bob".to_owned(), Stance::Blocker),
    ]);
    let paths = graph_paths(&edges, &stances, "vp", 3);
    let routes: Vec<Vec<&str>> = paths.iter().map(route).collect();
    assert_eq!(
        routes[0],
        ["priya", "marco", "vp"],
        "the champion's chain first: {routes:?}"
    );
    assert!(
        routes.iter().all(|r| r[0] != "carl"),
        "a conflict is never crossed: {routes:?}"
    );
    assert!(paths[0].cost < paths[1].cost);
    assert_eq!(paths[0].steps[2].kind, ReportsTo);

    // Without the champion's stance the blocker is still a way, but a worse one.
    let neutral = graph_paths(&edges, &HashMap::new(), "vp", 3);
    assert_eq!(
        route(&neutral[0]),
        ["bob", "vp"],
        "fewer, strong links win when stances are equal"
    );
}

#[test]
fn someone_out_of_reach_has_no_path_and_a_direct_link_is_the_path() {
    use LinkKind::*;
    use Strength::*;
    let edges = vec![
        edge(None, "dana", Medium, CloseWith),
        edge(Some("eve"), "frank", Strong, CloseWith), // another island
    ];
    assert!(graph_paths(&edges, &HashMap::new(), "frank", 3).is_empty());
    assert!(graph_paths(&edges, &HashMap::new(), "nobody", 3).is_empty());
    let direct = graph_paths(&edges, &HashMap::new(), "dana", 3);
    assert_eq!(direct.len(), 1);
    assert_eq!(route(&direct[0]), ["dana"]);
}

#[test]
fn ten_thousand_people_with_cycles_give_valid_paths() {
    // A deterministic random graph: 10,000 people, 30,000 links, 50 people the user knows.
    let mut seed = 42u64;
    let mut next = |n: u64| {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        (seed >> 33) % n
    };
    let mut edges = Vec::new();
    for _ in 0..30_000 {
        let (a, b) = (next(10_000), next(10_000));
        let strength = [Strength::Weak, Strength::Medium, Strength::Strong][next(3) as usize];
        edges.push(edge(
            Some(&format!("p{a}")),
            &format!("p{b}"),
            strength,
            LinkKind::CloseWith,
        ));
    }
    for _ in 0..50 {
        edges.push(edge(
            None,
            &format!("p{}", next(10_000)),
            Strength::Strong,
            LinkKind::CloseWith,
        ));
    }
    let paths = graph_paths(&edges, &HashMap::new(), "p9999", 3);
    assert_eq!(paths.len(), 3);
    let known: std::collections::HashSet<(String, String)> = edges
        .iter()
        .flat_map(|e| {
            let a = e.a.clone().unwrap_or_else(|| "me".into());
            let b = e.b.clone().unwrap();
            [(a.clone(), b.clone()), (b, a)]
        })
        .collect();
    for path in &paths {
        let mut at = "me".to_owned();
        for step in &path.steps {
            assert!(
                known.contains(&(at.clone(), step.person_id.clone())),
                "{at} → {}",
                step.person_id
            );
            at = step.person_id.clone();
        }
        assert_eq!(at, "p9999");
    }
}

#[test]
fn one_search_for_everyone_agrees_with_the_paths_to_each() {
    // 2,000 people, 6,000 links of every kind and strength, stances on some, 30 known.
    let mut seed = 7u64;
    let mut next = |n: u64| {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        (seed >> 33) % n
    };
    let kinds = [
        LinkKind::CloseWith,
        LinkKind::ReportsTo,
        LinkKind::Influences,
        LinkKind::InConflictWith,
        LinkKind::IntroducedMeTo,
    ];
    let strengths = [Strength::Weak, Strength::Medium, Strength::Strong];
    let mut edges = Vec::new();
    for _ in 0..6_000 {
        let (a, b) = (next(2_000), next(2_000));
        edges.push(edge(
            Some(&format!("p{a}")),
            &format!("p{b}"),
            strengths[next(3) as usize],
            kinds[next(5) as usize],
        ));
    }
    for _ in 0..30 {
        edges.push(edge(
            None,
            &format!("p{}", next(2_000)),
            strengths[next(3) as usize],
            LinkKind::CloseWith,
        ));
    }
    let all = [
        Stance::Champion,
        Stance::Supporter,
        Stance::Neutral,
        Stance::Skeptic,
        Stance::Blocker,
    ];
    let stances: HashMap<String, Stance> = (0..400)
        .map(|_| (format!("p{}", next(2_000)), all[next(5) as usize]))
        .collect();
    let firsts = network::first_steps(&edges, &stances);
    let mut reached = 0;
    for t in (0..2_000).step_by(7) {
        let target = format!("p{t}");
        let paths = graph_paths(&edges, &stances, target.as_str(), usize::MAX);
        match firsts.get(&target) {
            None => assert!(paths.is_empty(), "{target} has a path the search missed"),
            Some(first) => {
                reached += 1;
                let best = paths[0].cost;
                let through = paths
                    .iter()
                    .find(|p| &p.steps[0].person_id == first)
                    .unwrap_or_else(|| panic!("no path to {target} through {first}"));
                assert!(
                    (through.cost - best).abs() < 1e-9,
                    "{target}: through {first} costs {}, the best {best}",
                    through.cost
                );
            }
        }
    }
    assert!(
        reached > 50,
        "the graph is connected enough to test: {reached}"
    );
}

fn at(d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, d, 9, 0, 0).unwrap()
}

#[test]
fn links_and_interactions_make_the_graph_in_the_database() {
    let mut db = Database::open_in_memory().unwrap();
    let add = |db: &mut Database, name: &str| {
        people::add(db, &PersonInput::named(name), at(1))
            .unwrap()
            .id
    };
    let (priya, marco, vp, olga) = (
        add(&mut db, "Priya"),
        add(&mut db, "Marco"),
        add(&mut db, "The VP"),
        add(&mut db, "Olga"),
    );
    let link = |db: &mut Database, from: Option<&str>, to: &str, kind, strength| {
        network::add_link(
            db,
            &LinkInput {
                from_id: from.map(str::to_owned),
                to_id: to.into(),
                kind,
                strength,
                note: String::new(),
            },
            at(2),
        )
    };
    link(
        &mut db,
        Some(&priya),
        &marco,
        LinkKind::CloseWith,
        Strength::Strong,
    )
    .unwrap();
    link(
        &mut db,
        Some(&marco),
        &vp,
        LinkKind::ReportsTo,
        Strength::Medium,
    )
    .unwrap();
    link(
        &mut db,
        Some(&olga),
        &vp,
        LinkKind::CloseWith,
        Strength::Strong,
    )
    .unwrap();
    assert_eq!(
        link(&mut db, Some(&vp), &vp, LinkKind::CloseWith, Strength::Weak)
            .unwrap_err()
            .code(),
        "links.self"
    );
    assert_eq!(
        link(&mut db, None, "ghost", LinkKind::CloseWith, Strength::Weak)
            .unwrap_err()
            .code(),
        "people.not_found"
    );
    assert!(
        network::intro_paths(&db, &vp).unwrap().is_empty(),
        "the user knows no one yet"
    );

    // A coffee with Priya makes her someone the user knows.
    let coffee = interactions::log(
        &mut db,
        &InteractionInput {
            occurred_at: Some(at(3)),
            kind: Kind::Coffee,
            people: vec![priya.clone()],
            notes: String::new(),
            follow_up: String::new(),
        },
        at(3),
    )
    .unwrap()
    .id;
    let paths = network::intro_paths(&db, &vp).unwrap();
    assert_eq!(
        route(&paths[0]),
        [priya.as_str(), marco.as_str(), vp.as_str()]
    );

    // Olga, a champion on a map the user drew a strong link to, is the better way in.
    let map = maps::create(&mut db, &MapInput::named("Promotion"), at(4))
        .unwrap()
        .id;
    maps::place(
        &mut db,
        &map,
        &olga,
        Position::new(0.5, 0.5),
        Some(Stance::Champion),
        at(4),
    )
    .unwrap();
    let mine = link(&mut db, None, &olga, LinkKind::CloseWith, Strength::Strong).unwrap();
    let paths = network::intro_paths(&db, &vp).unwrap();
    assert_eq!(route(&paths[0]), [olga.as_str(), vp.as_str()]);
    assert_eq!(paths.len(), 2);
    assert_eq!(network::links_of(&db, &olga).unwrap().len(), 2);

    network::delete_link(&mut db, &mine.id, at(5)).unwrap();
    assert_eq!(network::intro_paths(&db, &vp).unwrap().len(), 1);
    network::restore_link(&mut db, &mine.id).unwrap();
    people::mark_former(&mut db, &olga, at(6)).unwrap();
    assert_eq!(
        network::intro_paths(&db, &vp).unwrap().len(),
        1,
        "a former colleague is no way in"
    );

    // With the coffee deleted the user has met no one; brought back, Priya is known again.
    let met = |db: &Database| {
        network::graph(db, None)
            .unwrap()
            .links
            .iter()
            .filter(|l| l.kind == "met")
            .map(|l| l.to.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(met(&db), [priya.as_str()]);
    interactions::delete(&mut db, &coffee, at(7)).unwrap();
    assert!(network::intro_paths(&db, &vp).unwrap().is_empty());
    assert!(met(&db).is_empty());
    interactions::restore(&mut db, &coffee).unwrap();
    assert_eq!(network::intro_paths(&db, &vp).unwrap().len(), 1);
    assert_eq!(met(&db), [priya.as_str()]);
}

#[test]
fn the_graph_has_me_my_people_and_their_links_and_a_map_narrows_it() {
    let mut db = Database::open_in_memory().unwrap();
    let add = |db: &mut Database, name: &str| {
        people::add(db, &PersonInput::named(name), at(1))
            .unwrap()
            .id
    };
    let (ana, ben, cleo) = (
        add(&mut db, "Ana"),
        add(&mut db, "Ben"),
        add(&mut db, "Cleo"),
    );
    let gone = add(&mut db, "Gone");
    let input = |from: Option<&str>, to: &str, kind| LinkInput {
        from_id: from.map(str::to_owned),
        to_id: to.into(),
        kind,
        strength: Strength::Strong,
        note: String::new(),
    };
    network::add_link(
        &mut db,
        &input(Some(&ana), &ben, LinkKind::ReportsTo),
        at(2),
    )
    .unwrap();
    network::add_link(&mut db, &input(None, &cleo, LinkKind::CloseWith), at(2)).unwrap();
    network::add_link(
        &mut db,
        &input(Some(&gone), &ana, LinkKind::CloseWith),
        at(2),
    )
    .unwrap();
    people::mark_former(&mut db, &gone, at(3)).unwrap();
    for person in [&ana, &cleo] {
        interactions::log(
            &mut db,
            &InteractionInput {
                occurred_at: Some(at(3)),
                kind: Kind::Coffee,
                people: vec![person.clone()],
                notes: String::new(),
                follow_up: String::new(),
            },
            at(3),
        )
        .unwrap();
    }
    let first = maps::create(&mut db, &MapInput::named("Staff"), at(4))
        .unwrap()
        .id;
    let second = maps::create(&mut db, &MapInput::named("Atlas"), at(4))
        .unwrap()
        .id;
    maps::place(
        &mut db,
        &first,
        &ben,
        Position::new(0.9, 0.2),
        Some(Stance::Skeptic),
        at(4),
    )
    .unwrap();
    maps::place(
        &mut db,
        &second,
        &ben,
        Position::new(0.3, 0.8),
        Some(Stance::Champion),
        at(5),
    )
    .unwrap();

    let g = network::graph(&db, None).unwrap();
    let names: Vec<&str> = g.nodes.iter().map(|n| n.name.as_str()).collect();
    assert_eq!(
        names,
        ["You", "Ana", "Ben", "Cleo"],
        "a former colleague is not drawn"
    );
    assert!(g.nodes[0].me && g.nodes[0].id == network::ME);
    let ben_node = &g.nodes[2];
    assert_eq!(ben_node.stance, Some(Stance::Champion), "the latest stance");
    assert_eq!(ben_node.power, Some(0.9), "the highest power on any map");
    let mut kinds: Vec<(&str, &str)> = g
        .links
        .iter()
        .map(|l| (l.kind.as_str(), l.to.as_str()))
        .collect();
    kinds.sort();
    assert_eq!(
        kinds,
        [
            ("close_with", cleo.as_str()),
            ("met", ana.as_str()),
            ("reports_to", ben.as_str())
        ],
        "a drawn link to Cleo stands for meeting her; the link from the former colleague is gone"
    );

    // Laid out for the view: everyone has a place of their own, the same each time.
    let mut laid_out = g.clone();
    network::layout::place(&mut laid_out);
    let places: Vec<(f64, f64)> = laid_out.nodes.iter().map(|n| (n.x, n.y)).collect();
    assert!(places.iter().all(|(x, y)| x.is_finite() && y.is_finite()));
    for (i, a) in places.iter().enumerate() {
        for b in &places[i + 1..] {
            assert!((a.0 - b.0).hypot(a.1 - b.1) > 10.0, "apart: {places:?}");
        }
    }
    network::layout::place(&mut laid_out);
    assert_eq!(
        laid_out
            .nodes
            .iter()
            .map(|n| (n.x, n.y))
            .collect::<Vec<_>>(),
        places,
        "the same network, the same picture"
    );

    let on_first = network::graph(&db, Some(&first)).unwrap();
    assert_eq!(on_first.nodes.len(), 2, "me and Ben");
    assert_eq!(on_first.nodes[1].stance, Some(Stance::Skeptic));
    assert_eq!(on_first.nodes[1].power, Some(0.9));
    assert!(
        on_first.links.is_empty(),
        "no one else on the map to link to"
    );
    maps::delete(&mut db, &second, at(6)).unwrap();
    assert_eq!(
        network::graph(&db, None).unwrap().nodes[2].stance,
        Some(Stance::Skeptic)
    );
    assert_eq!(
        network::graph(&db, Some(&second)).unwrap_err().code(),
        "maps.not_found"
    );
}

#[test]
fn a_network_too_large_to_draw_whole_shows_the_people_nearest_the_user() {
    let mut db = Database::open_in_memory().unwrap();
    let mut id = HashMap::new();
    for name in ["Ana", "Bea", "Cal", "Dan", "Eve", "Fay", "Gus", "Hal"] {
        let person = people::add(&mut db, &PersonInput::named(name), at(1)).unwrap();
        id.insert(name, person.id);
    }
    // Fay and Gus are linked, Eve is on a map, and the user met Bea, then Dan, then Cal.
    network::add_link(
        &mut db,
        &LinkInput {
            from_id: Some(id["Fay"].clone()),
            to_id: id["Gus"].clone(),
            kind: LinkKind::CloseWith,
            strength: Strength::Medium,
            note: String::new(),
        },
        at(2),
    )
    .unwrap();
    let map = maps::create(&mut db, &MapInput::named("Promotion"), at(2))
        .unwrap()
        .id;
    maps::place(
        &mut db,
        &map,
        &id["Eve"],
        Position::new(0.5, 0.5),
        None,
        at(2),
    )
    .unwrap();
    for (name, day) in [("Bea", 3), ("Dan", 4), ("Cal", 5)] {
        let input = InteractionInput {
            occurred_at: Some(at(day)),
            kind: Kind::Coffee,
            people: vec![id[name].clone()],
            notes: String::new(),
            follow_up: String::new(),
        };
        interactions::log(&mut db, &input, at(day)).unwrap();
    }
    let shown = |map: Option<&str>, at_most| {
        let g = network::graph_of_at_most(&db, map, at_most, None).unwrap();
        let names: Vec<String> = g.nodes.iter().map(|n| n.name.clone()).collect();
        let links: Vec<(String, String)> = g
            .links
            .iter()
            .map(|l| (l.from.clone(), l.to.clone()))
            .collect();
        (names, links.len(), g.people)
    };
    assert_eq!(
        shown(None, 4),
        (
            vec![
                "You".into(),
                "Cal".into(),
                "Eve".into(),
                "Fay".into(),
                "Gus".into()
            ],
            2,
            8
        ),
        "linked, on a map, then met most lately; the links among them and to the user"
    );
    assert_eq!(
        shown(None, 6).0,
        ["You", "Bea", "Cal", "Dan", "Eve", "Fay", "Gus"]
    );
    assert_eq!(
        shown(None, 7).0,
        ["You", "Ana", "Bea", "Cal", "Dan", "Eve", "Fay", "Gus"],
        "then the rest by name"
    );
    assert_eq!(shown(None, 8), shown(None, network::SHOWN_AT_MOST));
    assert_eq!(shown(None, 8).0.len(), 9);
    assert_eq!(shown(None, 8).1, 4, "Fay–Gus and the three met");
    assert_eq!(
        shown(Some(&map), 1),
        (vec!["You".into(), "Eve".into()], 0, 1)
    );
}

#[test]
fn someone_beyond_the_nearest_is_drawn_with_the_ways_in_when_asked_for() {
    let mut db = Database::open_in_memory().unwrap();
    let mut id = HashMap::new();
    for name in ["Ana", "Bea", "Cal", "Dan"] {
        let person = people::add(&mut db, &PersonInput::named(name), at(1)).unwrap();
        id.insert(name, person.id);
    }
    // The user met Ana, who is close with Dan.
    let coffee = InteractionInput {
        occurred_at: Some(at(2)),
        kind: Kind::Coffee,
        people: vec![id["Ana"].clone()],
        notes: String::new(),
        follow_up: String::new(),
    };
    interactions::log(&mut db, &coffee, at(2)).unwrap();
    network::add_link(
        &mut db,
        &LinkInput {
            from_id: Some(id["Ana"].clone()),
            to_id: id["Dan"].clone(),
            kind: LinkKind::CloseWith,
            strength: Strength::Strong,
            note: String::new(),
        },
        at(2),
    )
    .unwrap();
    let drawn = |focus: Option<&str>, at_most| {
        network::graph_of_at_most(&db, None, at_most, focus)
            .unwrap()
            .nodes
            .iter()
            .map(|n| n.name.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(drawn(None, 1), ["You", "Ana"]);
    assert_eq!(
        drawn(Some(&id["Cal"]), 1),
        ["You", "Cal"],
        "no way in: themselves"
    );
    assert_eq!(
        drawn(Some(&id["Dan"]), 1),
        ["You", "Ana", "Dan"],
        "Dan and Ana, on the way in to him, beyond the limit"
    );
    assert_eq!(drawn(Some("no such person"), 1), ["You", "Ana"]);
    let around = network::graph_around(&db, None, &id["Dan"]).unwrap();
    assert_eq!(around.nodes.len(), 5, "everyone: the network is small");
    assert_eq!(around.people, 4);
}
