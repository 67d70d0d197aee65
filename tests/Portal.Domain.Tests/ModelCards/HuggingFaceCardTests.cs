using Portal.Domain.ModelCards;

namespace Portal.Domain.Tests.ModelCards;

public class HuggingFaceCardTests
{
    private const string Readme = """
        ---
        license: apache-2.0
        tags:
        - text-classification
        - documents
        datasets:
        - s3://ml-data/documents/train.parquet
        metrics:
        - accuracy
        model-index:
        - name: document-classifier
          results:
          - task:
              type: text-classification
            metrics:
            - type: accuracy
              value: 0.94
        ---

        # Document classifier

        ## Model Description

        A fine-tuned DistilBERT.

        ## Uses

        Routing uploads.

        ```python
        ## not a heading inside code
        ```

        ## Bias, Risks, and Limitations

        Handwriting is harder.

        ## Environmental Impact

        Trained on one GPU for two hours.
        """;

    [Fact]
    public void Front_matter_becomes_fields_and_headings_become_sections_with_unknown_ones_custom()
    {
        var card = HuggingFaceCard.Import(Readme);

        Assert.Equal("apache-2.0", card.Metadata.License);
        Assert.Equal(["text-classification", "documents"], card.Metadata.Tags);
        Assert.Equal(["s3://ml-data/documents/train.parquet"], card.Metadata.Datasets);
        Assert.Equal(new CardMetric("accuracy", 0.94), Assert.Single(card.Metadata.Results));
        Assert.Equal(["model-details", "intended-use", "ethical-considerations", "custom-environmental-impact"], card.Sections.Select(s => s.Key));
        Assert.Contains("## not a heading inside code", card.Sections[1].Markdown, StringComparison.Ordinal);
        Assert.Equal("Environmental Impact", card.Sections[3].Title);
    }

    [Fact]
    public void Each_heading_is_listed_with_the_section_it_went_to_for_the_preview()
    {
        var card = HuggingFaceCard.Import(Readme);

        Assert.Equal(
            [
                new ImportedHeading("Model Description", "model-details", "Model details", false),
                new ImportedHeading("Uses", "intended-use", "Intended use", false),
                new ImportedHeading("Bias, Risks, and Limitations", "ethical-considerations", "Ethical considerations", false),
                new ImportedHeading("Environmental Impact", "custom-environmental-impact", "Environmental Impact", true),
            ],
            card.Headings);
    }

    [Fact]
    public void Export_then_import_gives_back_the_same_sections_and_metadata()
    {
        var imported = HuggingFaceCard.Import(Readme);

        var exported = HuggingFaceCard.Export("document-classifier", imported.Sections, imported.Metadata);
        var again = HuggingFaceCard.Import(exported);

        Assert.StartsWith("---\nlicense: apache-2.0\n", exported, StringComparison.Ordinal);
        Assert.Contains("model-index:", exported, StringComparison.Ordinal);
        Assert.Equal(imported.Sections, again.Sections);
        Assert.Equal(imported.Metadata.License, again.Metadata.License);
        Assert.Equal(imported.Metadata.Tags, again.Metadata.Tags);
        Assert.Equal(imported.Metadata.Datasets, again.Metadata.Datasets);
        Assert.Equal(imported.Metadata.Results, again.Metadata.Results);
    }

    [Fact]
    public void Front_matter_that_is_not_yaml_is_refused_with_where()
    {
        var refused = Assert.Throws<FormatException>(() => HuggingFaceCard.Import("---\ntags: [unclosed\n---\n## Uses\nx"));

        Assert.Contains("not valid YAML", refused.Message, StringComparison.Ordinal);
    }
}
