//! Scoring: from the signals that fired to a score, a level and categories.
//!
//! Why families and not keyword counts: almost every ordinary job ad carries one "indicator"
//! (98.4 % in a study of 423 ads); risk comes from combinations. So a family counts once,
//! with the largest weight among its fired signals, however often its phrases repeat;
//! combinations of families add points; a few signals are strong alone (a floor lifts the score
//! to a level's threshold); and context such as a news report or a licensed employer
//! multiplies the score down, never below `min_dampening` of it, floors included, except the
//! floors a lowering family keeps (`keeps_floors_of`: a sports club does not make a request for
//! a girl's nudes safe).

use crate::verdict::{Category, Level};

/// A family, compiled.
#[derive(Clone, Debug)]
pub struct FamilyModel {
    pub id: String,
    pub name: String,
    /// Points when present (raising families).
    pub weight: f64,
    /// Multiplier when present (lowering families); `None` for raising families.
    pub factor: Option<f64>,
    /// For a lowering family: the raising families whose floors it leaves alone. A licensed
    /// employer or a sports club lowers a kept passport's floor (a visa centre, a children's
    /// sports school) but does not make a request for a girl's nudes or a sextortion threat
    /// safe; news and warnings lower every floor.
    pub keeps_floors_of: Vec<usize>,
    pub categories: Vec<Category>,
}

/// A signal, compiled: its family index, weight and floor.
#[derive(Clone, Debug)]
pub struct SignalModel {
    pub id: String,
    pub family: usize,
    pub weight: f64,
    pub floor: Option<Level>,
}

/// A combination, compiled to family indices.
#[derive(Clone, Debug)]
pub struct CombinationModel {
    pub id: String,
    pub all: Vec<usize>,
    pub any: Vec<usize>,
    pub add: f64,
    pub floor: Option<Level>,
}

/// The whole scoring model.
#[derive(Clone, Debug)]
pub struct Model {
    pub families: Vec<FamilyModel>,
    pub signals: Vec<SignalModel>,
    pub combinations: Vec<CombinationModel>,
    pub caution: f64,
    pub warning: f64,
    pub danger: f64,
    pub min_dampening: f64,
}

/// How a score came about, for `explain` and for the verdict.
#[derive(Clone, Debug, PartialEq)]
pub struct Breakdown {
    /// Raising families present, with the points each contributed.
    pub families: Vec<(usize, f64)>,
    /// Combinations that applied, with their points.
    pub combinations: Vec<(usize, f64)>,
    /// The highest floor from signals and combinations, if any.
    pub floor: Option<Level>,
    /// Sum of family and combination points, lifted to the floor's threshold.
    pub raw: f64,
    /// Lowering families present.
    pub dampeners: Vec<usize>,
    /// The product of their factors (bounded below by `min_dampening`).
    pub factor: f64,
    /// The product of the factors applied to the floor that set the score (the same, unless
    /// some lowering family keeps that floor: [`FamilyModel::keeps_floors_of`]).
    pub floor_factor: f64,
    pub score: f64,
    pub level: Level,
    pub categories: Vec<Category>,
}

impl Model {
    /// The threshold at which `level` starts.
    pub fn threshold(&self, level: Level) -> f64 {
        match level {
            Level::None => 0.0,
            Level::Caution => self.caution,
            Level::Warning => self.warning,
            Level::Danger => self.danger,
        }
    }

    /// The level a score reaches.
    pub fn level_of(&self, score: f64) -> Level {
        // A tiny tolerance so that a floor times factor 1.0 lands exactly on its level.
        const EPS: f64 = 1e-9;
        if score + EPS >= self.danger {
            Level::Danger
        } else if score + EPS >= self.warning {
            Level::Warning
        } else if score + EPS >= self.caution {
            Level::Caution
        } else {
            Level::None
        }
    }

    /// Scores a set of fired signals (indices into `signals`; repeats are harmless).
    pub fn score(&self, fired: &[usize]) -> Breakdown {
        let n = self.families.len();
        let mut present = vec![false; n];
        let mut points = vec![0.0f64; n];
        let mut floor: Option<Level> = None;
        // every floor with the families that set it
        let mut floors: Vec<(Level, Vec<usize>)> = Vec::new();
        for &s in fired {
            let sig = &self.signals[s];
            present[sig.family] = true;
            points[sig.family] = points[sig.family].max(sig.weight);
            floor = floor.max(sig.floor);
            if let Some(l) = sig.floor {
                floors.push((l, vec![sig.family]));
            }
        }
        let raising: Vec<(usize, f64)> = (0..n)
            .filter(|&f| present[f] && self.families[f].factor.is_none())
            .map(|f| (f, points[f]))
            .collect();
        let dampeners: Vec<usize> = (0..n)
            .filter(|&f| present[f] && self.families[f].factor.is_some())
            .collect();
        let mut combinations = Vec::new();
        for (i, c) in self.combinations.iter().enumerate() {
            let all = c.all.iter().all(|&f| present[f]);
            let any = c.any.is_empty() || c.any.iter().any(|&f| present[f]);
            if all && any {
                combinations.push((i, c.add));
                floor = floor.max(c.floor);
                if let Some(l) = c.floor {
                    let fams = c.all.iter().chain(&c.any).copied().filter(|&f| present[f]);
                    floors.push((l, fams.collect()));
                }
            }
        }
        let sum: f64 = raising.iter().map(|x| x.1).sum::<f64>()
            + combinations.iter().map(|x| x.1).sum::<f64>();
        let raw = floor.map_or(sum, |l| sum.max(self.threshold(l)));
        // the factor of the lowering families that do not keep the floors of `set_by`
        let product = |set_by: &[usize]| {
            dampeners
                .iter()
                .filter(|&&d| {
                    !set_by
                        .iter()
                        .any(|f| self.families[d].keeps_floors_of.contains(f))
                })
                .map(|&d| self.families[d].factor.unwrap_or(1.0))
                .product::<f64>()
                .max(self.min_dampening)
        };
        let factor = product(&[]);
        // Points are lowered by every context family; each floor by those that do not keep it.
        let (mut floor_score, mut floor_factor) = (0.0f64, factor);
        for (l, set_by) in &floors {
            let f = product(set_by);
            let v = self.threshold(*l) * f;
            if v > floor_score {
                (floor_score, floor_factor) = (v, f);
            }
        }
        let score = (sum * factor).max(floor_score);
        let level = self.level_of(score);
        let mut categories: Vec<Category> = Vec::new();
        if level > Level::None {
            let contributing = raising
                .iter()
                .filter(|(_, p)| *p > 0.0)
                .map(|(f, _)| *f)
                .chain(
                    combinations
                        .iter()
                        .flat_map(|&(c, _)| self.combinations[c].all.iter().copied()),
                );
            for f in contributing {
                categories.extend(self.families[f].categories.iter().copied());
            }
            categories.sort();
            categories.dedup();
        }
        Breakdown {
            families: raising,
            combinations,
            floor,
            raw,
            dampeners,
            factor,
            floor_factor,
            score,
            level,
            categories,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model() -> Model {
        let fam = |id: &str, weight: f64, factor: Option<f64>, cats: &[Category]| FamilyModel {
            id: id.into(),
            name: id.into(),
            weight,
            factor,
            keeps_floors_of: if id == "club" { vec![2] } else { vec![] },
            categories: cats.to_vec(),
        };
        let sig = |id: &str, family: usize, weight: f64, floor: Option<Level>| SignalModel {
            id: id.into(),
            family,
            weight,
            floor,
        };
        Model {
            families: vec![
                fam("women_only", 1.5, None, &[Category::Recruitment]),
                fam("high_pay", 1.5, None, &[Category::Recruitment]),
                fam("control", 3.0, None, &[Category::LabourExploitation]),
                fam("news", 0.0, Some(0.4), &[]),
                fam("club", 0.0, Some(0.5), &[]),
            ],
            signals: vec![
                sig("girls", 0, 1.5, None),
                sig("young_girls", 0, 2.0, None),
                sig("money", 1, 1.5, None),
                sig("passport", 2, 3.0, Some(Level::Warning)),
                sig("police", 3, 0.0, None),
                sig("football_team", 4, 0.0, None),
            ],
            combinations: vec![CombinationModel {
                id: "women_and_money".into(),
                all: vec![0, 1],
                any: vec![],
                add: 2.0,
                floor: None,
            }],
            caution: 3.0,
            warning: 5.0,
            danger: 8.0,
            min_dampening: 0.25,
        }
    }

    #[test]
    fn a_family_counts_once_with_its_strongest_signal() {
        let m = model();
        let b = m.score(&[0, 1, 0, 1]);
        assert_eq!(b.families, vec![(0, 2.0)]);
        assert_eq!(b.score, 2.0);
        assert_eq!(b.level, Level::None);
    }

    #[test]
    fn combinations_raise_the_score() {
        let m = model();
        let b = m.score(&[0, 2]);
        assert_eq!(b.score, 1.5 + 1.5 + 2.0);
        assert_eq!(b.level, Level::Warning);
        assert_eq!(b.categories, vec![Category::Recruitment]);
    }

    #[test]
    fn a_lowering_family_can_keep_the_floors_of_some_families() {
        let m = model();
        // the club lowers the points of girls + money…
        let b = m.score(&[0, 2, 5]);
        assert!((b.score - 5.0 * 0.5).abs() < 1e-9);
        // …but keeps the floor of `control` (family 2)
        let b = m.score(&[3, 5]);
        assert_eq!(b.level, Level::Warning);
        assert!((b.floor_factor - 1.0).abs() < 1e-9);
        // news lowers it
        assert_eq!(m.score(&[3, 4, 5]).level, Level::None);
    }

    #[test]
    fn floors_make_strong_signals_count_alone_and_dampeners_lower_them() {
        let m = model();
        assert_eq!(m.score(&[3]).level, Level::Warning);
        let b = m.score(&[3, 4]);
        assert!((b.score - 2.0).abs() < 1e-9);
        assert_eq!(b.level, Level::None);
        assert!(b.categories.is_empty());
    }

    #[test]
    fn categories_come_most_urgent_first_whatever_the_order_of_the_families() {
        let mut m = model();
        // a family that lists its categories least urgent first, after the others
        m.families.push(FamilyModel {
            id: "under_18".into(),
            name: "under_18".into(),
            weight: 3.0,
            factor: None,
            keeps_floors_of: vec![],
            categories: vec![Category::Recruitment, Category::Minor],
        });
        m.signals.push(SignalModel {
            id: "schoolgirl".into(),
            family: 5,
            weight: 3.0,
            floor: None,
        });
        // recruitment (money), labour exploitation (passport), minor and recruitment (schoolgirl)
        let b = m.score(&[6, 2, 3]);
        assert!(b.level >= Level::Warning);
        let expected = [
            Category::Minor,
            Category::LabourExploitation,
            Category::Recruitment,
        ];
        assert_eq!(b.categories, expected);
        // the order is Category::ALL's, each category once
        let in_all_order: Vec<Category> = Category::ALL
            .into_iter()
            .filter(|c| expected.contains(c))
            .collect();
        assert_eq!(b.categories, in_all_order);
        assert_eq!(m.score(&[2, 3, 6]).categories, b.categories);
    }

    #[test]
    fn dampening_is_bounded_below() {
        let mut m = model();
        m.min_dampening = 0.5;
        let b = m.score(&[0, 2, 4]);
        assert_eq!(b.factor, 0.5);
    }
}
