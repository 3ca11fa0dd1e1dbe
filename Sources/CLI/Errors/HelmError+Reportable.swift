import Helm

/// Chart rendering errors print Helm's message as `error:` and our hint, if any.
extension HelmError: ReportableError {}

/// A release that cannot be found prints what was tried and how to get one.
extension IstioRelease.NotFound: ReportableError {}
