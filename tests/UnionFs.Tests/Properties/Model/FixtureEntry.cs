namespace UnionFs.Tests.Properties.Model;

/// <summary>One name a fixture may hold, and what it is when it does.</summary>
public sealed record FixtureEntry(string Path, ModelKind Kind, string? Target = null);
