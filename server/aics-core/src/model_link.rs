//! The join of a device program with its model: each Model ID the program uses (DPS
//! payload, hub announcement, or the configured stand-in), looked up in the model index,
//! with the telemetry it declares.

use aics_dtdl::{DeclaredTelemetry, TelemetrySet};

use crate::c::values::Loc;
use crate::device::DeviceProgram;
use crate::dtmi;
use crate::finding::CheckContext;

#[derive(Clone, Debug)]
pub struct LinkedModel {
    pub dtmi: String,
    /// Where the program writes the Model ID; `None` when it comes from the config.
    pub id_loc: Option<Loc>,
    /// The declared telemetry; `None` when no Interface has this `@id`.
    pub declared: Option<TelemetrySet>,
}

impl LinkedModel {
    /// The set is complete: every `extends` and Component schema resolved.
    pub fn complete(&self) -> bool {
        self.declared.as_ref().is_some_and(|d| d.unresolved.is_empty())
    }

    pub fn items(&self) -> &[DeclaredTelemetry] {
        self.declared.as_ref().map_or(&[], |d| d.items.as_slice())
    }
}

/// The program's distinct, valid Model IDs, linked to the models.
pub fn link(dp: &DeviceProgram, ctx: &CheckContext) -> Vec<LinkedModel> {
    let mut ids: Vec<(String, Option<Loc>)> = Vec::new();
    let written = dp.dps_model_ids().chain(dp.announcements.iter().flat_map(|a| a.values.iter()));
    for v in written {
        let Some(text) = &v.text else { continue };
        match ids.iter_mut().find(|(t, _)| t == text) {
            Some((_, loc)) if loc.is_none() => *loc = v.loc.clone(),
            Some(_) => {}
            None => ids.push((text.clone(), v.loc.clone())),
        }
    }
    if ids.is_empty() {
        if let Some(assumed) = ctx.assumed_model_id {
            ids.push((assumed.to_string(), None));
        }
    }
    ids.into_iter()
        .filter(|(t, _)| dtmi::validate(t).is_ok())
        .map(|(dtmi, id_loc)| {
            let declared = ctx.models.interface(&dtmi).map(|_| ctx.models.telemetry(&dtmi));
            LinkedModel { dtmi, id_loc, declared }
        })
        .collect()
}
