using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Running;

namespace UnionFs.Benchmarks.Infrastructure;

/// <summary>
/// Marks a benchmark that needs <c>mount</c> (plain tmpfs or a kernel overlay): left out, with a console
/// message, when this machine does not allow mounting.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class NeedsMountAttribute : Attribute
{
}

/// <summary>
/// Marks a benchmark whose result does not depend on the class's <c>[Params]</c> (a MockFileSystem or plain
/// tmpfs floor next to a layer-count sweep): it runs only with the first value of every parameter.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class FirstParamsOnlyAttribute : Attribute
{
}

/// <summary>The filters that <see cref="NeedsMountAttribute"/> and <see cref="FirstParamsOnlyAttribute"/> ask for.</summary>
public static class Markers
{
    /// <summary>Keeps a <see cref="FirstParamsOnlyAttribute"/> benchmark only at the first value of each parameter.</summary>
    public static readonly IFilter FirstParamsOnly = new SimpleFilter(benchmark =>
        !Has<FirstParamsOnlyAttribute>(benchmark)
        || benchmark.Parameters.Items.All(p => p.IsArgument || p.Definition.Values.Length == 0 || Equals(p.Value, p.Definition.Values[0])));

    /// <summary>Leaves out every <see cref="NeedsMountAttribute"/> benchmark.</summary>
    public static readonly IFilter WithoutMounts = new SimpleFilter(benchmark => !Has<NeedsMountAttribute>(benchmark));

    private static bool Has<T>(BenchmarkCase benchmark)
        where T : Attribute =>
        benchmark.Descriptor.WorkloadMethod.IsDefined(typeof(T), inherit: false);
}
