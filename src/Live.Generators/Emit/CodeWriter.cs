using System.Text;

namespace Live.Generators.Emit;

/// <summary>
/// A minimal indenting writer. Generated code is read by authors (Go To Definition, debugging), so it is laid out
/// like hand-written code; lines always end in '\n' so output does not depend on the build machine.
/// </summary>
internal sealed class CodeWriter
{
    private readonly StringBuilder builder = new();
    private int indent;

    public CodeWriter Line(string text = "")
    {
        if (text.Length > 0)
        {
            builder.Append(' ', indent * 4).Append(text);
        }

        builder.Append('\n');
        return this;
    }

    public CodeWriter Open(string text)
    {
        Line(text);
        Line("{");
        indent++;
        return this;
    }

    public CodeWriter Close(string suffix = "")
    {
        indent--;
        return Line("}" + suffix);
    }

    public CodeWriter Indent()
    {
        indent++;
        return this;
    }

    public CodeWriter Outdent()
    {
        indent--;
        return this;
    }

    public override string ToString() => builder.ToString();
}
