using System.Reflection;
using System.Runtime.ExceptionServices;

namespace UnionFs.Tests.Confinement;

/// <summary>
/// The proxy behind every interface a <see cref="SpyFileSystem"/> hands out (IFile, IDirectory, the info factories,
/// each IFileInfo and IDirectoryInfo): it reports the call to the spy, forwards it, and wraps what comes back,
/// so the infos an enumeration returns are watched too.
/// </summary>
public class RecordingProxy : DispatchProxy
{
    private object _target = null!;
    private SpyFileSystem _spy = null!;
    private string _interface = string.Empty;
    private string? _subject;

    /// <summary>A proxy of <paramref name="interfaceType"/> over <paramref name="target"/>; <paramref name="subject"/> is the path of an info.</summary>
    public static object Create(Type interfaceType, object target, SpyFileSystem spy, string? subject)
    {
        var proxy = (RecordingProxy)DispatchProxy.Create(interfaceType, typeof(RecordingProxy));
        proxy._target = target;
        proxy._spy = spy;
        proxy._interface = interfaceType.Name;
        proxy._subject = subject;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name == nameof(GetHashCode) && targetMethod.DeclaringType == typeof(object)) return _target.GetHashCode();
        _spy.Saw(_interface, targetMethod, args, _subject);
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
        return _spy.Wrap(result, targetMethod.ReturnType);
    }

    public override string ToString() => $"Spy({_target})";
}
