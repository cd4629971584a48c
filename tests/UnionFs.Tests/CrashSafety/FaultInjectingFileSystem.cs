using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Text.RegularExpressions;

namespace UnionFs.Tests.CrashSafety;

/// <summary>What happens to the mutating calls after the injected one.</summary>
public enum FaultMode
{
    /// <summary>Only the k-th mutating call fails; the caller's clean-up code still runs against the disk.</summary>
    Transient,

    /// <summary>The process "dies" at the k-th mutating call: it and every later one fail, so nothing more reaches the disk.</summary>
    Crash,
}

/// <summary>
/// Counts the mutating calls made through a <see cref="FaultInjectingFileSystem"/> and throws
/// <c>IOException("injected fault")</c> at the <see cref="FaultAt"/>-th one (0 = never).
/// </summary>
public sealed partial class FaultPlan(int faultAt, FaultMode mode = FaultMode.Transient)
{
    /// <summary>The message of every injected <see cref="IOException"/>.</summary>
    public const string Message = "injected fault";

    private readonly List<string> _calls = [];

    public int FaultAt { get; } = faultAt;

    public FaultMode Mode { get; } = mode;

    /// <summary>Mutating calls seen so far (the failing ones included).</summary>
    public int MutatingCalls => _calls.Count;

    /// <summary>Every mutating call in order, work-area names shortened to <c>&lt;tmp&gt;</c>.</summary>
    public IReadOnlyList<string> Calls => _calls;

    /// <summary>The call that got the injected fault; null while none did.</summary>
    public string? FaultedCall { get; private set; }

    public bool HasFaulted => FaultedCall is not null;

    /// <summary>Called before a mutating call reaches the inner file system; throws when it must fail.</summary>
    public void BeforeMutation(string call)
    {
        call = TempName().Replace(call, "<tmp>");
        _calls.Add(call);
        if (HasFaulted && Mode == FaultMode.Crash) throw new IOException(Message + " (after the crash)");
        if (FaultAt == 0 || _calls.Count != FaultAt) return;
        FaultedCall = call;
        throw new IOException(Message);
    }

    /// <summary>True for an exception that is (or wraps) an injected fault.</summary>
    public static bool IsInjected(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is IOException && e.Message.StartsWith(Message, StringComparison.Ordinal)) return true;
        return false;
    }

    [GeneratedRegex("[0-9a-f]{32}")]
    private static partial Regex TempName();
}

/// <summary>
/// An <see cref="IFileSystem"/> over a <c>MockFileSystem</c> (or any other) that passes everything through but
/// counts every mutating call and fails the one its <see cref="FaultPlan"/> names. <see cref="File"/>,
/// <see cref="Directory"/>, the <see cref="FileInfo"/>/<see cref="DirectoryInfo"/>/<see cref="FileStream"/>
/// factories and <see cref="RandomAccess"/> are intercepted with <see cref="DispatchProxy"/>, and so is every
/// <see cref="IFileSystemInfo"/> they hand out (its Delete, MoveTo, Create, setters ... count too). A stream
/// opened for writing counts each non-empty write and SetLength; a failing write stores the first half of
/// its bytes before it throws, as a short write would.
/// </summary>
public sealed class FaultInjectingFileSystem : IFileSystem
{
    private readonly IFileSystem _inner;

    public FaultInjectingFileSystem(IFileSystem inner, FaultPlan plan)
    {
        _inner = inner;
        Plan = plan;
        File = Intercept(inner.File);
        Directory = Intercept(inner.Directory);
        FileInfo = Intercept(inner.FileInfo);
        DirectoryInfo = Intercept(inner.DirectoryInfo);
        FileStream = Intercept(inner.FileStream);
        RandomAccess = Intercept(inner.RandomAccess);
    }

    public FaultPlan Plan { get; }

    public IFile File { get; }

    public IDirectory Directory { get; }

    public IFileInfoFactory FileInfo { get; }

    public IDirectoryInfoFactory DirectoryInfo { get; }

    public IFileStreamFactory FileStream { get; }

    public IRandomAccess RandomAccess { get; }

    public IPath Path => _inner.Path;

    public IDriveInfoFactory DriveInfo => _inner.DriveInfo;

    public IFileSystemWatcherFactory FileSystemWatcher => _inner.FileSystemWatcher;

    public IFileVersionInfoFactory FileVersionInfo => _inner.FileVersionInfo;

    private T Intercept<T>(T target) where T : class => (T)InterceptingProxy.Create(typeof(T), target, Plan);
}

/// <summary>The <see cref="DispatchProxy"/> behind <see cref="FaultInjectingFileSystem"/>.</summary>
public class InterceptingProxy : DispatchProxy
{
    private static readonly string[] MutatingPrefixes =
        ["Append", "Copy", "Create", "Decrypt", "Delete", "Encrypt", "Move", "Replace", "Write", "Set", "set_"];

    private static readonly MethodInfo WrapSequenceMethod =
        typeof(InterceptingProxy).GetMethod(nameof(WrapSequence), BindingFlags.NonPublic | BindingFlags.Static)!;

    private object _target = null!;
    private FaultPlan _plan = null!;

    internal static object Create(Type interfaceType, object target, FaultPlan plan)
    {
        var proxy = (InterceptingProxy)Create(interfaceType, typeof(InterceptingProxy));
        proxy._target = target;
        proxy._plan = plan;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        args ??= [];
        if (IsMutating(targetMethod, args)) _plan.BeforeMutation(Describe(targetMethod, args));
        object? result;
        try
        {
            result = targetMethod.Invoke(_target, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
        return Wrap(result, targetMethod.ReturnType, _plan);
    }

    /// <summary>Classifies a call on IFile, IDirectory, the info objects and the stream factory by its name and mode.</summary>
    internal static bool IsMutating(MethodInfo method, object?[] args)
    {
        var name = method.Name;
        if (name == "SetCurrentDirectory") return false;
        if (name == "OpenWrite") return true;
        if (name.StartsWith("Open", StringComparison.Ordinal) || name == "New") return OpensForWriting(args);
        return MutatingPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal));
    }

    /// <summary>An open with a mode that can create or truncate, or with write access (the default when no access is given).</summary>
    private static bool OpensForWriting(object?[] args)
    {
        if (args.OfType<FileStreamOptions>().FirstOrDefault() is { } options)
            return options.Mode != FileMode.Open || (options.Access & FileAccess.Write) != 0;
        var mode = args.OfType<FileMode>().Cast<FileMode?>().FirstOrDefault();
        if (mode is null) return false;
        var access = args.OfType<FileAccess>().Cast<FileAccess?>().FirstOrDefault();
        return mode != FileMode.Open || access is null || (access & FileAccess.Write) != 0;
    }

    private static string Describe(MethodInfo method, object?[] args) =>
        $"{method.DeclaringType?.Name}.{method.Name}({string.Join(", ", args.Select(a => a switch
        {
            null => "null",
            string s => s,
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => a.GetType().Name,
        }))})";

    internal static object? Wrap(object? result, Type declared, FaultPlan plan)
    {
        switch (result)
        {
            case null:
                return null;
            case FileSystemStream stream when stream.CanWrite && stream is not FaultingStream:
                return new FaultingStream(stream, plan);
            case IFileInfo file when declared.IsAssignableFrom(typeof(IFileInfo)):
                return Create(typeof(IFileInfo), file, plan);
            case IDirectoryInfo directory when declared.IsAssignableFrom(typeof(IDirectoryInfo)):
                return Create(typeof(IDirectoryInfo), directory, plan);
            case Array array when declared.IsArray && typeof(IFileSystemInfo).IsAssignableFrom(declared.GetElementType()):
                var copy = Array.CreateInstance(declared.GetElementType()!, array.Length);
                for (var i = 0; i < array.Length; i++) copy.SetValue(Wrap(array.GetValue(i), declared.GetElementType()!, plan), i);
                return copy;
            case IEnumerable when declared.IsGenericType && declared.GetGenericTypeDefinition() == typeof(IEnumerable<>)
                                  && typeof(IFileSystemInfo).IsAssignableFrom(declared.GetGenericArguments()[0]):
                return WrapSequenceMethod.MakeGenericMethod(declared.GetGenericArguments()[0]).Invoke(null, [result, plan]);
            default:
                return result;
        }
    }

    private static IEnumerable<T> WrapSequence<T>(IEnumerable<T> items, FaultPlan plan) where T : class =>
        items.Select(item => (T)Wrap(item, typeof(T), plan)!);
}

/// <summary>A write-mode stream whose writes and SetLength are mutating calls of the plan.</summary>
public sealed class FaultingStream : FileSystemStream
{
    private readonly FaultPlan _plan;

    public FaultingStream(FileSystemStream inner, FaultPlan plan)
        : base(inner, inner.Name, inner.IsAsync) => _plan = plan;

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (buffer.IsEmpty) return;
        try
        {
            _plan.BeforeMutation($"Stream.Write({Name}, {buffer.Length} bytes)");
        }
        catch (IOException)
        {
            // A short write: half of the bytes reach the file, then the error.
            base.Write(buffer[..(buffer.Length / 2)]);
            throw;
        }
        base.Write(buffer);
    }

    public override void WriteByte(byte value) => Write([value]);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer, offset, count);
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override IAsyncResult BeginWrite(byte[] buffer, int offset, int count, AsyncCallback? callback, object? state) =>
        throw new NotSupportedException("FaultingStream counts synchronous writes only.");

    public override void SetLength(long value)
    {
        _plan.BeforeMutation(string.Create(CultureInfo.InvariantCulture, $"Stream.SetLength({Name}, {value})"));
        base.SetLength(value);
    }
}
