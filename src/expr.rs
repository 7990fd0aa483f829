//! Small helpers for building polars expressions.

use polars::prelude::*;

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

/// A typed null literal.
pub fn null(dtype: DataType) -> Expr {
    lit(Null {}).cast(dtype)
}

/// Concatenates text expressions; null if any part is null.
pub fn cat(parts: Vec<Expr>) -> Expr {
    concat_str(parts, "", false)
}
