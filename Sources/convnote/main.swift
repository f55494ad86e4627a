#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ConvNote
import ConvolutionEngine

AllocatorTuning.keepLargeAllocations()

let interface = CommandLineInterface(console: StandardConsole())
exit(interface.run(Array(CommandLine.arguments.dropFirst())))
