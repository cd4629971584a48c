using System.Text;
using UnionFs.Native;

namespace UnionFs;

/// <summary>
/// Linux overlayfs's own format, so the kernel (and Docker's overlay2 driver) and UnionFs can read each
/// other's layers: a whiteout is a character device 0/0 (or a zero-size file with
/// <c>trusted.overlay.whiteout</c>), an opaque directory has <c>trusted.overlay.opaque=y</c>, a renamed
/// directory has <c>trusted.overlay.redirect</c>. The <c>user.overlay.*</c> names (mounts with
/// <c>userxattr</c>) are honoured when reading. Needs the real file system and root.
/// </summary>
internal sealed class OverlayMarkerFormat : MarkerFormat
{
    private const string Opaque = "trusted.overlay.opaque";
    private const string UserOpaque = "user.overlay.opaque";
    private const string Redirect = "trusted.overlay.redirect";
    private const string UserRedirect = "user.overlay.redirect";
    private const string XattrWhiteout = "trusted.overlay.whiteout";
    private const string UserXattrWhiteout = "user.overlay.whiteout";

    public override bool SupportsRedirect => true;

    public override bool IsMarkerName(string name) => false;

    public override string? WhitedOutName(string markerName) => null;

    public override bool IsReserved(string name) => false;

    public override bool IsWhiteoutEntry(string hostPath, bool isRegularOrOther)
    {
        if (!isRegularOrOther) return false;
        if (LibC.Stat(hostPath) is not { } stat) return false;
        if ((stat.Mode & LibC.TypeMask) == LibC.CharacterDevice) return stat.DeviceMajor == 0 && stat.DeviceMinor == 0;
        // A zero-size regular file with the whiteout xattr is a whiteout too (kernels since 6.7 make those for nesting).
        return (stat.Mode & LibC.TypeMask) == LibC.RegularFile && stat.Size == 0
            && (LibC.GetAttribute(hostPath, XattrWhiteout) is not null || LibC.GetAttribute(hostPath, UserXattrWhiteout) is not null);
    }

    public override string? WhiteoutBeside(string hostPath) => null;

    public override bool IsOpaque(string hostDirectory, bool hasWhiteoutBeside) =>
        IsYes(LibC.GetAttribute(hostDirectory, Opaque)) || IsYes(LibC.GetAttribute(hostDirectory, UserOpaque));

    public override string? ReadRedirect(string hostDirectory, string branchPath)
    {
        var value = LibC.GetAttribute(hostDirectory, Redirect) ?? LibC.GetAttribute(hostDirectory, UserRedirect);
        if (value is null || value.Length == 0) return null;
        var text = Encoding.UTF8.GetString(value).TrimEnd('\0');
        // Relative redirects name a sibling in the same parent; absolute ones start at the layer root.
        var absolute = text.StartsWith('/') ? text : BranchPath.Combine(BranchPath.GetParent(branchPath) ?? BranchPath.Root, text);
        return Engine.UnionPath.Normalize(absolute, BranchPath.Root, "redirect");
    }

    public override void PrepareWhiteout(string preparedPath) => LibC.MakeWhiteout(preparedPath);

    public override void SetOpaque(string hostDirectory, bool opaque)
    {
        if (opaque) LibC.SetAttribute(hostDirectory, Opaque, "y"u8);
        else LibC.RemoveAttribute(hostDirectory, Opaque);
    }

    public override void SetRedirect(string hostDirectory, string branchPath, string? redirect)
    {
        if (redirect is null)
        {
            LibC.RemoveAttribute(hostDirectory, Redirect);
            return;
        }
        // Always absolute: the redirect is set before the directory moves (so a crash never shows it
        // unredirected), and an absolute value stays right wherever it moves. The kernel reads both forms.
        LibC.SetAttribute(hostDirectory, Redirect, Encoding.UTF8.GetBytes(redirect));
    }

    private static bool IsYes(byte[]? value) => value is [(byte)'y', ..];
}
