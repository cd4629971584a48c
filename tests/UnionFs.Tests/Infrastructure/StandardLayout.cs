namespace UnionFs.Tests.Infrastructure;

/// <summary>The tree most semantic fixtures start from.</summary>
public static class StandardLayout
{
    public static readonly Layout Tree = Layout.Of(
        "/README.txt=readme",
        "/books/c=c book",
        "/books/java=java book",
        "/books/golang=go book",
        "/books/sub/deep.txt=deep",
        "/computers/huawei=huawei",
        "/computers/macpro=macpro",
        "/docs/a.txt=a",
        "/docs/ab.txt=ab",
        "/docs/b.txt=b",
        "/docs/c.md=md",
        "/docs/Upper.TXT=upper",
        "/docs/.hidden=hidden",
        "/docs/nested/n.txt=n",
        "/docs/nested/deeper/d.txt=d",
        "/empty/",
        "/links/to-c->/books/c",
        "/links/rel-java->../books/java",
        "/tree/top.txt=t",
        "/tree/x/w.txt=w",
        "/tree/x/y/z.txt=z");
}
