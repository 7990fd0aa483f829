//! Small helpers for building polars expressions.

use polars::prelude::*;

use crate::error::{Result, polars_err};

/// A column's values as owned text (any type cast to string), for row-by-row work.
pub fn text_column(df: &DataFrame, name: &str) -> Result<Vec<Option<String>>> {
    let c = df
        .column(name)
        .and_then(|c| c.cast(&DataType::String))
        .map_err(|e| polars_err(name, e))?;
    let ca = c.str().map_err(|e| polars_err(name, e))?;
    Ok(ca.iter().map(|v| v.map(str::to_string)).collect())
}

/// `when(c1).then(v1).when(c2).then(v2)….otherwise(default)` from a list of cases; the
/// first matching case wins.
pub fn cases(cases: Vec<(Expr, Expr)>, otherwise: Expr) -> Expr {
    let mut it = cases.into_iter();
    let Some((c0, v0)) = it.next() else {
        return otherwise;
    };
    let first = when(c0).then(v0);
    let Some((c1, v1)) = it.next() else {
        return first.otherwise(otherwise);
    };
    let mut chain = first.when(c1).then(v1);
    for (c, v) in it {
        chain = chain.when(c).then(v);
    }
    chain.otherwise(otherwise)
}

/// The expressions combined pairwise into a balanced tree (`op(op(a, b), op(c, d))`), so
/// that its depth is log₂ of their number: polars' plan passes walk a chain as deep as it
/// is long once per node. For associative operators (`or`, `and`). `None` when empty.
pub fn balanced(mut exprs: Vec<Expr>, op: impl Fn(Expr, Expr) -> Expr) -> Option<Expr> {
    while exprs.len() > 1 {
        let mut next = Vec::with_capacity(exprs.len().div_ceil(2));
        let mut it = exprs.into_iter();
        while let Some(a) = it.next() {
            next.push(match it.next() {
                Some(b) => op(a, b),
                None => a,
            });
        }
        exprs = next;
    }
    exprs.pop()
}

/// A typed null literal.
pub fn null(dtype: DataType) -> Expr {
    lit(Null {}).cast(dtype)
}

/// Concatenates text expressions; null if any part is null.
pub fn cat(parts: Vec<Expr>) -> Expr {
    concat_str(parts, "", false)
}

/// Rows per parallel task in [`par_map`].
const PAR_CHUNK: usize = 16_384;

/// Maps the rows of string columns of equal length in parallel, keeping their order. For
/// column functions that polars cannot split itself (text measures written in Rust).
pub fn par_map<T, F>(cols: &[&StringChunked], f: F) -> Vec<T>
where
    T: Send,
    F: Fn(&[Option<&str>]) -> T + Sync,
{
    use rayon::prelude::*;
    let n = cols.first().map_or(0, |c| c.len());
    let parts: Vec<Vec<T>> = (0..n.div_ceil(PAR_CHUNK))
        .into_par_iter()
        .map(|k| {
            let off = k * PAR_CHUNK;
            let len = PAR_CHUNK.min(n - off);
            let slices: Vec<StringChunked> =
                cols.iter().map(|c| c.slice(off as i64, len)).collect();
            let mut iters: Vec<_> = slices.iter().map(|s| s.iter()).collect();
            let mut row: Vec<Option<&str>> = Vec::with_capacity(cols.len());
            let mut out = Vec::with_capacity(len);
            for _ in 0..len {
                row.clear();
                row.extend(iters.iter_mut().map(|it| it.next().flatten()));
                out.push(f(&row));
            }
            out
        })
        .collect();
    parts.into_iter().flatten().collect()
}
