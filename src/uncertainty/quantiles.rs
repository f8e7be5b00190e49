//! Exact percentiles of a stream of draws in bounded memory.
//!
//! A percentile needs two order statistics (the draws at ranks `floor(h)` and
//! `floor(h) + 1`, `h = p / 100 x (n - 1)`, numpy's linear method). A pilot
//! of the first `m` draws, sorted, gives a band of values that holds those
//! ranks with near certainty: six standard errors of the pilot's quantile
//! either side. The whole stream is then read once: draws below the band are
//! counted, draws equal to either edge are counted, draws strictly inside are
//! kept, draws above are counted. If the ranks fall inside the band (the
//! pilot misses with a probability of the order of 10^-9), sorting the kept
//! draws gives the order statistics exactly, as a sort of every draw would.
//! Otherwise [`Band::resolve`] says so, and the caller reads the stream again
//! with the band widened to the side the ranks fell on: still exact.
//!
//! Memory: the pilot (`m` about 4 n^(2/3)) and the kept draws (about
//! 12 n sqrt(q(1-q)/m)): 2 MB at 10^7 draws for the median, rather than the
//! 80 MB of every draw.

use std::cmp::Ordering;

/// Standard errors of the pilot quantile either side of it.
const SPREAD: f64 = 6.0;

/// The size of the pilot for `n` draws: about 4 n^(2/3), at least `floor`,
/// at most `n`.
pub(super) fn pilot_size(n: usize, floor: usize) -> usize {
    let m = 4.0 * (n as f64).powf(2.0 / 3.0);
    (m as usize).max(floor).min(n)
}

/// One percentile's band and what the stream put in it.
#[derive(Debug, Clone)]
pub(super) struct Band {
    p: f64,
    /// Inclusive edges, in `f64::total_cmp` order; `None`: unbounded.
    low: Option<f64>,
    high: Option<f64>,
    below: usize,
    at_low: usize,
    kept: Vec<f64>,
    at_high: usize,
    above: usize,
}

/// The two ranks a percentile interpolates between, and the weight of the
/// second, for `n` draws.
fn ranks(p: f64, n: usize) -> (usize, usize, f64) {
    let last = n.saturating_sub(1);
    let h = p / 100.0 * last as f64;
    let lo = (h.floor() as usize).min(last);
    (lo, (lo + 1).min(last), h - h.floor())
}

impl Band {
    /// The band for percentile `p` from the sorted pilot, for `n` draws in all.
    pub fn from_pilot(p: f64, pilot: &[f64], n: usize) -> Band {
        let m = pilot.len();
        let q = p / 100.0;
        let se = (q * (1.0 - q) * m as f64).sqrt();
        let centre = q * m.saturating_sub(1) as f64;
        // Two ranks more for the interpolation neighbour and for rounding.
        let reach = SPREAD * se + 2.0;
        // A rank past either end of the pilot leaves that side unbounded.
        let at = |r: f64| -> Option<f64> {
            if r < 0.0 {
                None
            } else {
                pilot.get(r as usize).copied()
            }
        };
        let (low, high) = if m == n {
            // The pilot is every draw: the band is exact as it stands.
            (
                at(centre.floor()),
                at(centre.floor() + 1.0).or(at(centre.floor())),
            )
        } else {
            (at((centre - reach).floor()), at((centre + reach).ceil()))
        };
        let mut band = Band::between(p, low, high);
        // Room for the share of the pilot strictly inside, scaled to every
        // draw, so the kept draws are not copied as they grow.
        let inside = pilot
            .iter()
            .filter(|v| {
                low.is_none_or(|l| v.total_cmp(&l).is_gt())
                    && high.is_none_or(|h| v.total_cmp(&h).is_lt())
            })
            .count();
        let expected = (inside as f64 / m.max(1) as f64 * n as f64 * 1.1) as usize;
        band.kept.reserve(expected.min(n) + 64);
        band
    }

    /// A band with the given edges (`None`: unbounded on that side).
    pub fn between(p: f64, low: Option<f64>, high: Option<f64>) -> Band {
        Band {
            p,
            low,
            high,
            below: 0,
            at_low: 0,
            kept: Vec::new(),
            at_high: 0,
            above: 0,
        }
    }

    /// Count or keep one draw.
    pub fn add(&mut self, v: f64) {
        let to_low = self.low.map_or(Ordering::Greater, |l| v.total_cmp(&l));
        let to_high = self.high.map_or(Ordering::Less, |h| v.total_cmp(&h));
        match (to_low, to_high) {
            (Ordering::Less, _) => self.below += 1,
            (Ordering::Equal, _) => self.at_low += 1,
            (_, Ordering::Equal) => self.at_high += 1,
            (_, Ordering::Greater) => self.above += 1,
            _ => self.kept.push(v),
        }
    }

    /// The percentile over the `n` draws streamed, or which side of the band
    /// its ranks fell on (`Err(true)` below, `Err(false)` above).
    pub fn resolve(&mut self, n: usize) -> Result<f64, bool> {
        let (lo, hi, frac) = ranks(self.p, n);
        self.kept.sort_by(f64::total_cmp);
        let a = self.order_statistic(lo)?;
        let b = self.order_statistic(hi)?;
        Ok(a + (b - a) * frac)
    }

    /// The draw at `rank` in sorted order, if the band holds it.
    fn order_statistic(&self, rank: usize) -> Result<f64, bool> {
        let Some(r) = rank.checked_sub(self.below) else {
            return Err(true);
        };
        if r < self.at_low {
            return self.low.ok_or(true);
        }
        let r = r - self.at_low;
        if let Some(v) = self.kept.get(r) {
            return Ok(*v);
        }
        let r = r - self.kept.len();
        if r < self.at_high {
            return self.high.ok_or(false);
        }
        Err(false)
    }

    /// A band for a second read after [`Band::resolve`] missed: this band
    /// made unbounded on the side it missed, so both ranks fall inside.
    pub fn widened(&self, below: bool) -> Band {
        if below {
            Band::between(self.p, None, self.high)
        } else {
            Band::between(self.p, self.low, None)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// numpy's linear percentile of every draw, sorted: what the band must equal.
    fn sorted_percentile(draws: &[f64], p: f64) -> f64 {
        let mut s = draws.to_vec();
        s.sort_by(f64::total_cmp);
        let (lo, hi, frac) = ranks(p, s.len());
        s[lo] + (s[hi] - s[lo]) * frac
    }

    fn stream(draws: &[f64], p: f64) -> f64 {
        let m = pilot_size(draws.len(), 16);
        let mut pilot = draws[..m].to_vec();
        pilot.sort_by(f64::total_cmp);
        let mut band = Band::from_pilot(p, &pilot, draws.len());
        draws.iter().for_each(|v| band.add(*v));
        match band.resolve(draws.len()) {
            Ok(v) => v,
            Err(below) => {
                let mut again = band.widened(below);
                draws.iter().for_each(|v| again.add(*v));
                again.resolve(draws.len()).unwrap()
            }
        }
    }

    #[test]
    fn percentiles_interpolate_linearly_between_ranks() {
        // numpy.percentile([1, 2, 3, 4], [0, 25, 50, 100]) is 1, 1.75, 2.5, 4.
        let xs = [4.0, 2.0, 1.0, 3.0];
        assert_eq!(stream(&xs, 0.0), 1.0);
        assert_eq!(stream(&xs, 25.0), 1.75);
        assert_eq!(stream(&xs, 50.0), 2.5);
        assert_eq!(stream(&xs, 100.0), 4.0);
    }

    #[test]
    fn the_band_gives_the_sorted_percentile_exactly() {
        // A deterministic spread with ties and a trend the pilot does not see.
        let draws: Vec<f64> = (0..20_000u32)
            .map(|i| f64::from((i * 7919) % 1000) / 10.0 + f64::from(i) / 1e4)
            .collect();
        for p in [0.0, 1.0, 5.0, 50.0, 95.0, 99.5, 100.0] {
            assert_eq!(stream(&draws, p), sorted_percentile(&draws, p), "p = {p}");
        }
    }

    #[test]
    fn constant_draws_are_counted_not_kept() {
        let draws = vec![3.25; 50_000];
        let m = pilot_size(draws.len(), 16);
        let mut pilot = draws[..m].to_vec();
        pilot.sort_by(f64::total_cmp);
        let mut band = Band::from_pilot(50.0, &pilot, draws.len());
        draws.iter().for_each(|v| band.add(*v));
        assert!(band.kept.is_empty());
        assert_eq!(band.resolve(draws.len()), Ok(3.25));
    }

    #[test]
    fn a_missed_band_says_which_side_and_the_second_read_is_exact() {
        // The pilot sees only small values; the median lies far above.
        let draws: Vec<f64> = (0..10_000u32)
            .map(|i| if i < 2_000 { 0.0 } else { f64::from(i) })
            .collect();
        let mut pilot = draws[..100].to_vec();
        pilot.sort_by(f64::total_cmp);
        let mut band = Band::from_pilot(50.0, &pilot, draws.len());
        draws.iter().for_each(|v| band.add(*v));
        assert_eq!(band.resolve(draws.len()), Err(false));
        assert_eq!(stream(&draws, 50.0), sorted_percentile(&draws, 50.0));
    }
}
