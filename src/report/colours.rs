//! The one colour rule of every workbook and picture: a figure takes the colour of the band
//! it falls in, from the band set of its measure (answer quality: the rubric's bands; rates
//! such as SLA and pass rates: `rubrics/bands/capaian.toml`; an instrument's scores: its
//! band set; IKM: the SKM's), never a colour from its place in a column. A figure without a
//! band set (the combined index) is not coloured.

use crate::bands::BandSet;
use crate::error::{Error, Result};
use crate::rubric::Rubric;

/// The band sets the report's figures are coloured by.
pub struct Colours {
    pub quality: BandSet,
    pub rates: BandSet,
    pub skm: BandSet,
}

impl Colours {
    pub fn of(rubric: &Rubric) -> Result<Colours> {
        let grades: Vec<(String, String, f64)> = rubric
            .bands
            .iter()
            .map(|b| (b.grade.clone(), b.label.clone().unwrap_or_default(), b.min))
            .collect();
        let rates = BandSet::builtin("capaian").unwrap_or_else(|| {
            Err(Error::plain(msg!(
                "set predikat \"capaian\" tidak ada",
                "band set \"capaian\" is missing"
            )))
        })?;
        Ok(Colours {
            quality: BandSet::from_grades(&rubric.id, &rubric.name, [0.0, 100.0], &grades),
            rates,
            skm: crate::skm::bands()?,
        })
    }
}
