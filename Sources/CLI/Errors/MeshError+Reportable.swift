import Mesh

/// Mesh errors print as `error:` and `hint:` lines; preflight's lists every problem.
extension MeshError: ReportableError {}
