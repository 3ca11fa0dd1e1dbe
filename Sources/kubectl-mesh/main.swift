import CLI
import Foundation

// kubectl runs this binary for `kubectl mesh …` (and, installed as
// kubectl_complete-mesh, for `kubectl mesh <TAB>`). Everything from the outside
// world is gathered here, once, and passed down.
let process = ProcessInfo.processInfo
let invocation = Invocation(
    environment: process.environment,
    homeDirectory: process.environment["HOME"],
    workingDirectory: FileManager.default.currentDirectoryPath,
    output: FileDescriptorOutput(descriptor: 1),
    errorOutput: FileDescriptorOutput(descriptor: 2))
let status = MeshCLI.run(
    arguments: Array(CommandLine.arguments.dropFirst()),
    programName: CommandLine.arguments.first ?? "kubectl-mesh",
    invocation: invocation)
exit(status.rawValue)
