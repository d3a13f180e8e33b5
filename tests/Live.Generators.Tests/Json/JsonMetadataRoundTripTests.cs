#pragma warning disable CA1869 // each test configures fresh options on purpose
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Live.Generators.Tests.Json;

/// <summary>
/// Generated metadata must write exactly what reflection-based System.Text.Json writes, and read it back.
/// The generated options have only the generated resolver, so any type it misses fails the test.
/// </summary>
public sealed class JsonMetadataRoundTripTests(SampleResolverFixture fixture) : IClassFixture<SampleResolverFixture>
{
    private readonly GeneratedResolver generated = fixture.Generated;

    [Theory]
    [InlineData("Todo")]
    [InlineData("TodoListState")]
    [InlineData("Primitives")]
    [InlineData("Enums")]
    [InlineData("Nullables")]
    [InlineData("NullablesOther")]
    [InlineData("Collections")]
    [InlineData("Attributed")]
    [InlineData("Required")]
    [InlineData("Settable")]
    [InlineData("Derived")]
    [InlineData("Point")]
    [InlineData("Money")]
    [InlineData("Generics")]
    [InlineData("WithDefaults")]
    [InlineData("Tree")]
    [InlineData("Documents")]
    [InlineData("ConstructedWithJsonConstructor")]
    [InlineData("Weather")]
    [InlineData("Drawing")]
    public void Generated_metadata_writes_what_reflection_writes_and_reads_it_back(string sample)
    {
        var (value, type) = Sample(sample);

        var json = AssertSameJson(value, type, options => { });

        var back = JsonSerializer.Deserialize(json, type, GeneratedOptions(options => { }));
        Assert.NotNull(back);
        Assert.Equal(json, JsonSerializer.Serialize(back, type, GeneratedOptions(options => { })));
    }

    [Theory]
    [InlineData("Todo")]
    [InlineData("Enums")]
    [InlineData("Money")]
    [InlineData("WithDefaults")]
    [InlineData("Point")]
    public void Records_and_structs_read_back_equal_to_the_original(string sample)
    {
        var (value, type) = Sample(sample);
        var options = GeneratedOptions(options => { });

        var back = JsonSerializer.Deserialize(JsonSerializer.Serialize(value, type, options), type, options);

        Assert.Equal(value, back);
    }

    [Theory]
    [InlineData("Enums")]
    [InlineData("Collections")]
    [InlineData("Nullables")]
    public void String_enum_converter_in_options_is_used_like_reflection_uses_it(string sample)
    {
        var (value, type) = Sample(sample);

        var json = AssertSameJson(value, type, options => options.Converters.Add(new JsonStringEnumConverter()));

        Assert.Contains(sample == "Nullables" ? "null" : "\"High\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Enum_with_string_converter_attribute_is_written_as_string_and_read_back()
    {
        var (value, type) = Sample("Enums");

        var json = AssertSameJson(value, type, options => { });

        Assert.Contains("\"color\":\"Blue\"", json, StringComparison.Ordinal);
        Assert.Contains("\"priority\":2", json, StringComparison.Ordinal);
        Assert.Equal(value, JsonSerializer.Deserialize(json, type, GeneratedOptions(options => { })));
    }

    [Theory]
    [InlineData("Attributed")]
    [InlineData("Settable")]
    [InlineData("Collections")]
    public void Naming_policy_from_options_applies_where_no_json_property_name_is_given(string sample)
    {
        var (value, type) = Sample(sample);

        var json = AssertSameJson(value, type, options => options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseUpper);

        Assert.DoesNotContain("\"name\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Abstract_base_with_derived_type_attributes_round_trips_with_discriminators()
    {
        var (value, type) = Sample("Drawing");

        var json = AssertSameJson(value, type, options => { });

        Assert.Contains("{\"$kind\":\"circle\",\"radius\":1.5,\"label\":\"c\"}", json, StringComparison.Ordinal);
        Assert.Equal(json, JsonSerializer.Serialize(JsonSerializer.Deserialize(json, type, GeneratedOptions(options => { })), type, GeneratedOptions(options => { })));
    }

    [Fact]
    public void Include_fields_option_adds_public_fields_like_reflection()
    {
        var (value, type) = Sample("Attributed");

        var json = AssertSameJson(value, type, options => options.IncludeFields = true);

        Assert.Contains("\"field\":7", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Attributes_rename_ignore_order_convert_and_include_members()
    {
        var (value, type) = Sample("Attributed");

        var json = AssertSameJson(value, type, options => { });

        Assert.StartsWith("{\"first\":1,", json, StringComparison.Ordinal);
        Assert.Contains("\"display_name\":\"display\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("hidden", json, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", json, StringComparison.Ordinal);
        Assert.DoesNotContain("note", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"field\"", json, StringComparison.Ordinal);
        Assert.Contains("\"asString\":\"99\"", json, StringComparison.Ordinal);
        Assert.Contains("\"shout\":\"QUIET\"", json, StringComparison.Ordinal);
        Assert.Contains("\"level\":\"Normal\"", json, StringComparison.Ordinal);
        Assert.Contains("\"included\":4", json, StringComparison.Ordinal);
        Assert.Contains("\"internalIncluded\":5", json, StringComparison.Ordinal);
        Assert.Contains("\"includedField\":6", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Init_only_properties_missing_from_json_keep_their_declared_defaults()
    {
        var type = generated.Type("Samples.TodoListState");
        var options = GeneratedOptions(options => { });

        var empty = JsonSerializer.Deserialize("{}", type, options);
        var filtered = JsonSerializer.Deserialize("""{"filter":"done"}""", type, options);

        Assert.Equal("""{"todos":[],"filter":"all"}""", JsonSerializer.Serialize(empty, type, options));
        Assert.Equal("""{"todos":[],"filter":"done"}""", JsonSerializer.Serialize(filtered, type, options));
    }

    [Fact]
    public void Positional_record_parameters_missing_from_json_take_their_default_values()
    {
        var type = generated.Type("Samples.WithDefaults");
        var options = GeneratedOptions(options => { });

        var value = JsonSerializer.Deserialize("""{"count":9}""", type, options);

        Assert.Equal(
            """{"name":"n","count":9,"priority":2,"ratio":0.5,"f":1.5,"m":2.5,"l":-4,"when":"0001-01-01T00:00:00","maybe":null,"text":null,"c":"x"}""",
            JsonSerializer.Serialize(value, type, options));
    }

    [Theory]
    [InlineData("Samples.Todo", """{"id":"6f9619ff-8b86-d011-b42d-00cf4fc964ff","text":null,"done":false}""")]
    [InlineData("Samples.Settable", """{"name":null}""")]
    public void Null_for_a_non_nullable_member_is_rejected_like_reflection_when_annotations_are_respected(string typeName, string json)
    {
        var type = generated.Type(typeName);

        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, type, ReflectionOptions(options => options.RespectNullableAnnotations = true)));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, type, GeneratedOptions(options => options.RespectNullableAnnotations = true)));
        Assert.NotNull(JsonSerializer.Deserialize(json, type, GeneratedOptions(options => { })));
    }

    [Fact]
    public void Null_for_a_nullable_member_is_accepted_when_annotations_are_respected()
    {
        var type = generated.Type("Samples.Nullables");
        var options = GeneratedOptions(options => options.RespectNullableAnnotations = true);

        var value = JsonSerializer.Deserialize("""{"maybeText":null,"maybeTodo":null,"maybeItems":[null]}""", type, options);

        Assert.Contains("\"maybeItems\":[null]", JsonSerializer.Serialize(value, type, options), StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_required_member_fails_like_reflection()
    {
        var type = generated.Type("Samples.Required");

        var reflection = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{"name":"x"}""", type, ReflectionOptions(options => { })));
        var generatedError = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{"name":"x"}""", type, GeneratedOptions(options => { })));

        Assert.Contains("count", reflection.Message, StringComparison.Ordinal);
        Assert.Contains("count", generatedError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Converter_registered_at_run_time_takes_precedence_over_generated_metadata()
    {
        var (value, type) = Sample("Settable");
        var options = GeneratedOptions(options => options.Converters.Add(new FixedJsonConverterFactory(type)));

        Assert.Equal("\"fixed\"", JsonSerializer.Serialize(value, type, options));
    }

    [Fact]
    public void Resolver_returns_null_for_unknown_types_so_it_chains()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var combined = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            TypeInfoResolver = JsonTypeInfoResolver.Combine(generated.Resolver, new DefaultJsonTypeInfoResolver()),
        };

        Assert.Null(generated.Resolver.GetTypeInfo(typeof(System.Net.IPEndPoint), options));
        Assert.NotNull(generated.Resolver.GetTypeInfo(generated.Type("Samples.Todo"), options));
        Assert.Equal("""{"major":1,"minor":2}""", JsonSerializer.Serialize(new Unknown(1, 2), combined));
    }

    [Fact]
    public void Generated_options_alone_cannot_serialize_types_outside_the_shapes()
    {
        var options = GeneratedOptions(options => { });

        Assert.Throws<NotSupportedException>(() => JsonSerializer.Serialize(new Unknown(1, 2), options));
    }

    private sealed record Unknown(int Major, int Minor);

    private string AssertSameJson(object value, Type type, Action<JsonSerializerOptions> configure)
    {
        var expected = JsonSerializer.Serialize(value, type, ReflectionOptions(configure));
        var actual = JsonSerializer.Serialize(value, type, GeneratedOptions(configure));
        Assert.Equal(expected, actual);
        return actual;
    }

    private (object Value, Type Type) Sample(string name)
    {
        var property = generated.Type("Samples.SampleValues").GetProperty(name)!;
        return (property.GetValue(null)!, property.PropertyType);
    }

    private JsonSerializerOptions GeneratedOptions(Action<JsonSerializerOptions> configure)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { TypeInfoResolver = generated.Resolver };
        configure(options);
        return options;
    }

    private static JsonSerializerOptions ReflectionOptions(Action<JsonSerializerOptions> configure)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
        configure(options);
        return options;
    }

    private sealed class FixedJsonConverterFactory(Type target) : JsonConverterFactory
    {
        public override bool CanConvert(Type typeToConvert) => typeToConvert == target;

        public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
            (JsonConverter)Activator.CreateInstance(typeof(FixedConverter<>).MakeGenericType(typeToConvert))!;
    }

    private sealed class FixedConverter<T> : JsonConverter<T>
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => throw new NotSupportedException();

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue("fixed");
    }
}
