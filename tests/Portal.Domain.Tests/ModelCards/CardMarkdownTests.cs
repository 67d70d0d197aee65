using Portal.Domain.ModelCards;

namespace Portal.Domain.Tests.ModelCards;

/// <summary>Hostile Markdown: nothing in it may reach the page as script, an event handler, a javascript: or data: link, SVG or raw HTML.</summary>
public class CardMarkdownTests
{
    public static TheoryData<string> Hostile => new()
    {
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "<a href=\"https://ok.example\" onclick=\"alert(1)\">x</a>",
        "<div onmouseover=\"alert(1)\">hover</div>",
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](java\tscript:alert(1))",
        "[click](&#106;avascript:alert(1))",
        "[click](javascript&#58;alert(1))",
        "[click](%6A%61%76%61%73%63%72%69%70%74:alert(1))",
        "[click]( javascript:alert(1) )",
        "<javascript:alert(1)>",
        "![img](javascript:alert(1))",
        "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "![pixel](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        "[ref]\n\n[ref]: javascript:alert(1)",
        "<svg onload=alert(1)><circle r=10 /></svg>",
        "<svg><script>alert(1)</script></svg>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<div><p><b><script>alert(1)</script></b></p></div>",
        "<<script>script>alert(1)<</script>/script>",
        "<style>body{background:url(javascript:alert(1))}</style>",
        "<a href=\"vbscript:msgbox(1)\">vb</a>",
        "<form action=\"https://evil.example\"><input name=x></form>",
        "<object data=\"evil.swf\"></object>",
        "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Hostile_markdown_renders_without_anything_that_runs(string markdown)
    {
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument("<body>" + CardMarkdown.ToHtml(markdown) + "</body>");
        var elements = document.Body!.QuerySelectorAll("*");

        Assert.DoesNotContain(elements, e => e.LocalName is "script" or "svg" or "iframe" or "style" or "form" or "object" or "math" or "embed");
        Assert.DoesNotContain(elements, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
        foreach (var link in elements.SelectMany(e => e.Attributes).Where(a => a.Name is "href" or "src" or "xlink:href"))
        {
            var scheme = link.Value.Trim().Split(':')[0].ToLowerInvariant();
            Assert.True(!link.Value.Contains(':', StringComparison.Ordinal) || scheme is "http" or "https" or "mailto", $"A {scheme}: link survived: {link.Value}");
        }
    }

    [Fact]
    public void Typed_html_is_shown_as_text_not_markup()
    {
        var html = CardMarkdown.ToHtml("<b>bold?</b>");

        Assert.Contains("&lt;b&gt;bold?&lt;/b&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Ordinary_markdown_keeps_its_formatting_and_safe_links()
    {
        var html = CardMarkdown.ToHtml("# Title\n\n**Strong** and a [paper](https://arxiv.org/abs/1810.03993).\n\n| a | b |\n|---|---|\n| 1 | 2 |");

        Assert.Contains("<h1", html, StringComparison.Ordinal);
        Assert.Contains("<strong>Strong</strong>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://arxiv.org/abs/1810.03993\"", html, StringComparison.Ordinal);
        Assert.Contains("<table>", html, StringComparison.Ordinal);
    }
}
