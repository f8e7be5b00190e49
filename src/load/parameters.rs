//! The parameter tables a user supplies as CSV: a deflator index and an
//! optimism-bias grade table. The model holds them ([`Deflators`],
//! [`OptimismBias`]); reading them from text is the file layer's job.

use rust_decimal::Decimal;

use super::tables::{Table, first_source, relocate};
use crate::adjustments::Fraction;
use crate::error::{Error, Result};
use crate::optimism::{Grade, OptimismBias, Uplift};
use crate::price_base::Deflators;

/// Read a deflator index from `price_year,index[,source]` CSV text; `file`
/// names it in errors.
///
/// ```
/// use froi::Money;
/// // An illustrative index, not official data.
/// let csv = "price_year,index\n2013/14,90\n2019/20,100\n";
/// let deflators = froi::load::deflators_from_csv(csv, "example.csv")?;
/// let uplifted = deflators.restate(Money::from_pounds(700), "2013/14", "2019/20")?;
/// assert_eq!(uplifted.value().round_dp(2).to_string(), "777.78");
/// # Ok::<(), froi::Error>(())
/// ```
pub fn deflators_from_csv(text: &str, file: &str) -> Result<Deflators> {
    let table = Table::parse(text, file, &["price_year", "index"])?;
    let mut entries = Vec::new();
    for (line, record) in &table.rows {
        let value = table.decimal(*line, record, "index")?;
        // Checked here too so the error can name the line; `new` checks
        // indexes built in code.
        if value <= Decimal::ZERO {
            return Err(Error::OutOfRange {
                at: table.loc(*line, "index"),
                value: value.to_string(),
                field_rule: "a price index must be positive".into(),
            });
        }
        entries.push((table.get(record, "price_year").to_string(), value));
    }
    let source = first_source(&table);
    Deflators::new(entries, source).map_err(|e| relocate(e, table.at.at_field("price_year")))
}

/// Read an optimism-bias grade table from `grade,cost_uplift,benefit_reduction[,source]`
/// or `grade,optimism_bias[,source]` CSV text (fractions: 0.4 for 40%; an
/// empty cell for none); `file` names it in errors.
///
/// ```
/// // An illustrative table, not published values.
/// let csv = "grade,cost_uplift,benefit_reduction\nA,0.1,0.05\nB,2.0,0.4\n";
/// let table = froi::load::optimism_bias_from_csv(csv, "grades.csv")?;
/// assert_eq!(table.cost_uplift("B")?.to_string(), "200%");
/// assert_eq!(table.benefit_reduction("B")?.to_string(), "40%");
/// # Ok::<(), froi::Error>(())
/// ```
pub fn optimism_bias_from_csv(text: &str, file: &str) -> Result<OptimismBias> {
    let table = Table::parse(text, file, &["grade"])?;
    let both = table.has("optimism_bias");
    // One figure both ways, or one each way: not both, or one would be dropped.
    if let Some(column) = ["cost_uplift", "benefit_reduction"]
        .into_iter()
        .find(|c| both && table.has(c))
    {
        return Err(Error::OutOfRange {
            at: table.at.at_line(1).at_field(column),
            value: format!("{column:?}"),
            field_rule: "a grade table gives optimism_bias (one figure both ways) or \
                         cost_uplift and benefit_reduction, not both"
                .into(),
        });
    }
    if !both && !table.has("cost_uplift") && !table.has("benefit_reduction") {
        return Err(Error::Missing {
            at: table.at.at_line(1).at_field("cost_uplift"),
            what: "column (give cost_uplift and benefit_reduction, or optimism_bias)",
        });
    }
    let mut grades = Vec::new();
    for (line, record) in &table.rows {
        let figure = |column: &str| -> Result<Decimal> {
            if table.get(record, column).is_empty() {
                Ok(Decimal::ZERO)
            } else {
                table.decimal(*line, record, column)
            }
        };
        let (up, down) = if both {
            ("optimism_bias", "optimism_bias")
        } else {
            ("cost_uplift", "benefit_reduction")
        };
        let reduction = figure(down)?;
        let benefit_reduction =
            Fraction::new_at(reduction, &table.loc(*line, down)).map_err(|_| {
                Error::OutOfRange {
                    at: table.loc(*line, down),
                    value: reduction.to_string(),
                    field_rule:
                        "a benefit is reduced by a fraction in [0, 1] (a cost uplift may exceed 1)"
                            .into(),
                }
            })?;
        grades.push(Grade {
            name: table.get(record, "grade").to_string(),
            cost_uplift: Uplift::new_at(figure(up)?, &table.loc(*line, up))?,
            benefit_reduction,
        });
    }
    let source = first_source(&table);
    OptimismBias::with_grades(grades, source).map_err(|e| relocate(e, table.at.at_field("grade")))
}
