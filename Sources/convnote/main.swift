#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ConvNote

let interface = CommandLineInterface(console: StandardConsole())
exit(interface.run(Array(CommandLine.arguments.dropFirst())))
