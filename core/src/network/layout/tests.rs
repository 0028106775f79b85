//! The layout's behaviour on small networks: determinism, springs at rest, no overlaps.

use super::*;

fn chain(n: usize, length: f64) -> Vec<Spring> {
    (1..n)
        .map(|i| Spring {
            from: i - 1,
            to: i,
            length,
        })
        .collect()
}

fn gap(a: Point, b: Point) -> f64 {
    ((a.x - b.x).powi(2) + (a.y - b.y).powi(2)).sqrt()
}

#[test]
fn nothing_and_one_body_are_laid_out_without_fuss() {
    assert!(lay_out(&[], &[]).is_empty());
    let one = lay_out(&[16.0], &[]);
    assert_eq!(one.len(), 1);
    assert!(one[0].x.abs() < 1e-9 && one[0].y.abs() < 1e-9, "{one:?}");
}

#[test]
fn the_same_network_is_laid_out_the_same_way() {
    let radii = vec![8.0; 60];
    let springs = chain(60, 60.0);
    assert_eq!(lay_out(&radii, &springs), lay_out(&radii, &springs));
}

#[test]
fn springs_come_to_about_their_length_and_circles_do_not_overlap() {
    let radii = vec![5.0, 13.0, 9.0, 5.0];
    let springs = [
        Spring {
            from: 0,
            to: 1,
            length: 40.0,
        },
        Spring {
            from: 1,
            to: 2,
            length: 90.0,
        },
        Spring {
            from: 2,
            to: 3,
            length: 60.0,
        },
    ];
    let at = lay_out(&radii, &springs);
    for s in springs {
        let d = gap(at[s.from], at[s.to]);
        // Repulsion stretches them a little; nothing collapses or flies off.
        assert!(
            d > s.length * 0.8 && d < s.length * 2.5,
            "{s:?} rests at {d}"
        );
    }
    for i in 0..radii.len() {
        for j in i + 1..radii.len() {
            assert!(
                gap(at[i], at[j]) >= radii[i] + radii[j],
                "{i} and {j} overlap: {at:?}"
            );
        }
    }
}

#[test]
fn a_crowd_spreads_out_around_the_middle_without_overlaps() {
    // 400 people, each linked to the user and to a neighbour, as a real network looks.
    let n = 400;
    let radii: Vec<f64> = (0..n)
        .map(|i| if i == 0 { 16.0 } else { 5.0 + (i % 9) as f64 })
        .collect();
    let mut springs = chain(n, 60.0);
    springs.extend((2..n).step_by(3).map(|i| Spring {
        from: 0,
        to: i,
        length: 90.0,
    }));
    let at = lay_out(&radii, &springs);
    assert!(at.iter().all(|p| p.x.is_finite() && p.y.is_finite()));
    let (cx, cy) = at.iter().fold((0.0, 0.0), |(x, y), p| {
        (x + p.x / n as f64, y + p.y / n as f64)
    });
    assert!(cx.abs() < 1.0 && cy.abs() < 1.0, "centred: {cx}, {cy}");
    let mut overlaps = 0;
    for i in 0..n {
        for j in i + 1..n {
            if gap(at[i], at[j]) < (radii[i] + radii[j]) * 0.9 {
                overlaps += 1;
            }
        }
    }
    assert!(overlaps <= n / 100, "{overlaps} pairs overlap");
    let spread = at.iter().map(|p| p.x.hypot(p.y)).fold(0.0, f64::max);
    assert!(spread > 200.0 && spread < 3000.0, "spread {spread}");
}

#[test]
fn bodies_on_the_same_spot_are_parted() {
    // Two springs of no length pull their ends onto one spot; the circles still part.
    let radii = vec![5.0; 3];
    let springs: Vec<Spring> = chain(3, 0.0);
    let at = lay_out(&radii, &springs);
    assert!(
        at.iter().all(|p| p.x.is_finite() && p.y.is_finite()),
        "{at:?}"
    );
    assert!(gap(at[0], at[1]) > 5.0, "{at:?}");
}

#[test]
fn springs_to_nowhere_or_to_themselves_are_ignored() {
    let at = lay_out(
        &[5.0, 5.0],
        &[
            Spring {
                from: 0,
                to: 7,
                length: 60.0,
            },
            Spring {
                from: 1,
                to: 1,
                length: 60.0,
            },
        ],
    );
    assert_eq!(at.len(), 2);
    assert!(at.iter().all(|p| p.x.is_finite() && p.y.is_finite()));
}

#[test]
fn a_radius_grows_with_power_and_bad_powers_are_the_smallest() {
    assert_eq!(radius(true, Some(0.2)), ME_RADIUS);
    assert_eq!(radius(false, None), MIN_RADIUS);
    assert_eq!(radius(false, Some(f64::NAN)), MIN_RADIUS);
    assert_eq!(radius(false, Some(1.0)), MAX_RADIUS);
    assert_eq!(radius(false, Some(7.0)), MAX_RADIUS);
    assert_eq!(radius(false, Some(0.5)), 9.0);
}
