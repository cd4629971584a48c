using System.IO.Abstractions;

namespace UnionFs;

/// <summary>
/// Trees as text, for fixtures and assertions: builds a branch from the output of the <c>tree</c> command or from
/// a simple indented listing, and writes any directory of a branch or an <see cref="IFileSystem"/> (such as a
/// union's merged view) back as the same text. <c>MemoryBranch.FromTree</c> and <c>UnionFileSystem.ToTree</c>
/// are these members.
/// </summary>
/// <remarks>
/// <para><b>Entries.</b> One per line, in either form:</para>
/// <list type="table">
/// <item><term><c>name</c></term><description>an empty file, or a directory when entries are put in it</description></item>
/// <item><term><c>name/</c></term><description>a directory (empty unless entries are put in it)</description></item>
/// <item><term><c>name: content</c></term><description>a file with one line of content (a final <c>name:</c> is an empty file)</description></item>
/// <item><term><c>name -&gt; target</c></term><description>a symbolic link</description></item>
/// <item><term><c>.wh.name</c></term><description>a whiteout hiding <c>name</c> in the branches below (OCI layer convention)</description></item>
/// <item><term><c>.wh..wh..opq</c></term><description>makes the directory it is in opaque</description></item>
/// <item><term><c>.wh..wh.*</c></term><description>other layer metadata (AUFS's <c>.wh..wh.aufs</c>...): skipped, with anything in it</description></item>
/// </list>
/// <para>
/// Names and link targets are literal except for backslash escapes: <c>\\</c>, <c>\n</c>, <c>\r</c>, <c>\t</c>,
/// <c>\xHH</c>, <c>\uXXXX</c>, and a backslash before ASCII punctuation or a space for that character (<c>\:</c>,
/// <c>\ </c>, <c>\.wh.x</c> for a file really named <c>.wh.x</c>); any other backslash is kept. Content uses the
/// same escapes, and there <c>\xHH</c> is one raw byte, so any bytes can be written. Blanks at the end of a line
/// are ignored. A name cannot be empty, <c>.</c> or <c>..</c>, or contain <c>/</c>; a name appearing twice in a
/// directory is an error.
/// </para>
/// <para><b>The tree form</b> (<see cref="TreeTextStyle.Tree"/>) is what the <c>tree</c> command prints: lines
/// before the first <c>├──</c>/<c>└──</c> line (the command, the root's name) are skipped, then come the entries,
/// then optionally blank lines and the summary (<c>3 directories, 5 files</c>). ASCII drawings (<c>|--</c>,
/// <c>`--</c>, <c>+---</c>, <c>\---</c>) are read too. The depth of an entry comes from the groups of its
/// indentation (<c>│   </c> or <c>    </c>), read leniently because copy-paste damages them: a bar group may be
/// narrower than four columns (the width is inferred from the text), blanks may be non-breaking spaces or tabs, bars
/// may be missing, and a margin common to every line is ignored. When the groups do not fit the tree above the line,
/// the reader assumes that leading blanks were lost: an entry cannot follow a sibling drawn <c>└──</c>, so
/// <c>└── sports</c> followed by <c>├── fishing</c> at the same indentation puts <c>fishing</c> in <c>sports</c>.</para>
/// <para><b>The indented form</b> (<see cref="TreeTextStyle.Indented"/>) has no root line: an entry indented
/// deeper than the line above is in it, any consistent step works (two spaces when written).</para>
/// <para>Text with no tree drawing is the indented form, except a lone <c>.</c> or <c>/...</c> line: the root line of
/// an empty tree. Bad text throws <see cref="FormatException"/> naming the line number and quoting the line.</para>
/// <para>Writing sorts entries by ordinal name, ends every line with <c>\n</c> and marks directories with <c>/</c>;
/// the tree form starts with the path written. What is written reads back as the same tree (contents too with
/// <see cref="TreeTextOptions.IncludeContents"/>).</para>
/// </remarks>
public static class TreeText
{
    /// <summary>A new <see cref="MemoryBranch"/> holding the tree that <paramref name="text"/> describes.</summary>
    /// <exception cref="FormatException">The text is not a tree; the message names the line.</exception>
    public static MemoryBranch ToBranch(string text)
    {
        var root = TreeTextReader.Parse(text);
        var branch = new MemoryBranch();
        BranchLoader.Load(branch, root, mayExist: false);
        return branch;
    }

    /// <summary>
    /// Adds the tree that <paramref name="text"/> describes to <paramref name="branch"/>, at its root, through
    /// <see cref="IBranch"/> directly: directories already there are kept, files and links are replaced.
    /// </summary>
    /// <exception cref="FormatException">The text is not a tree; nothing was added.</exception>
    public static void Populate(IBranch branch, string text)
    {
        ArgumentNullException.ThrowIfNull(branch);
        var root = TreeTextReader.Parse(text);
        BranchLoader.Load(branch, root, mayExist: true);
    }

    /// <summary>The directory <paramref name="path"/> of <paramref name="fileSystem"/> as tree text, without contents.</summary>
    /// <exception cref="DirectoryNotFoundException"><paramref name="path"/> is not a directory.</exception>
    public static string Write(IFileSystem fileSystem, string path = BranchPath.Root) =>
        Write(fileSystem, path, TreeTextOptions.Default);

    /// <summary>The directory <paramref name="path"/> of <paramref name="fileSystem"/> as text, as <paramref name="options"/> say.</summary>
    /// <exception cref="DirectoryNotFoundException"><paramref name="path"/> is not a directory.</exception>
    public static string Write(IFileSystem fileSystem, string path, TreeTextOptions options)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(options);
        return TreeTextWriter.Write(path, FileSystemTreeReader.Read(fileSystem, path, options), options.Style);
    }

    /// <summary>
    /// The directory <paramref name="path"/> (a branch path such as <c>/</c> or <c>/a/b</c>) of
    /// <paramref name="branch"/> as tree text without contents, whiteouts and opaque markers included.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException"><paramref name="path"/> is not a directory in the branch.</exception>
    public static string Write(IBranch branch, string path = BranchPath.Root) =>
        Write(branch, path, TreeTextOptions.Default);

    /// <summary>
    /// The directory <paramref name="path"/> of <paramref name="branch"/> as text, as <paramref name="options"/> say,
    /// whiteouts and opaque markers included.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException"><paramref name="path"/> is not a directory in the branch.</exception>
    public static string Write(IBranch branch, string path, TreeTextOptions options)
    {
        ArgumentNullException.ThrowIfNull(branch);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(options);
        return TreeTextWriter.Write(path, BranchTreeReader.Read(branch, path, options), options.Style);
    }
}
