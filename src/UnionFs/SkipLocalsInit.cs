// The JIT does not zero a method's locals before their first write: the hot paths (lookups, listings, whole-file reads
// and writes) keep spans and structs on the stack, and zeroing them on every call is work C#'s definite assignment
// already makes useless. A stackalloc'd span is then not zeroed either: code that reads one before writing it clears it.
[module: System.Runtime.CompilerServices.SkipLocalsInit]
