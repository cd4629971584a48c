namespace UnionFs.Images.Tests.RealTools;

/// <summary>What one run of a tool returned and printed.</summary>
public sealed record ToolResult(int ExitCode, string Out, string Error);
