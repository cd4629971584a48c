namespace UnionFs;

/// <summary>The two text forms that <see cref="TreeText"/> writes (it reads both).</summary>
public enum TreeTextStyle
{
    /// <summary>
    /// The <c>tree</c> command's form: a first line naming the root, then one <c>├── name</c> or
    /// <c>└── name</c> line per entry, indented by <c>│   </c> and <c>    </c> groups.
    /// </summary>
    Tree,

    /// <summary>One entry per line, two spaces of indentation per level, no root line.</summary>
    Indented,
}
