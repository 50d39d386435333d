using System.ComponentModel;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Encodings.Web;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;

namespace WeightFarcast.Job.Configuration;

/// <summary>Generates schemas/farcast.schema.json from the configuration types (the types are the source of truth).</summary>
public static class ConfigSchema
{
    public const string SchemaId = "https://weightfarcast.dev/schemas/farcast.schema.json";

    public static string Generate()
    {
        var options = new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = (context, schema) =>
            {
                var member = (MemberInfo?)context.PropertyInfo?.AttributeProvider ?? context.TypeInfo.Type;
                var description = member.GetCustomAttribute<DescriptionAttribute>()?.Description;
                if (description is not null && schema is JsonObject obj)
                    obj.Insert(0, "description", description);
                if (context.TypeInfo.Kind == JsonTypeInfoKind.Object && schema is JsonObject o && o.ContainsKey("properties"))
                {
                    o["additionalProperties"] = false; // unknown keys are errors in the loader too
                }
                return schema;
            },
        };
        var schemaNode = EffectiveConfig.JsonOptions.GetJsonSchemaAsNode(typeof(FarcastConfig), options).AsObject();
        schemaNode.Insert(0, "$schema", "https://json-schema.org/draft/2020-12/schema");
        schemaNode.Insert(1, "$id", SchemaId);
        schemaNode.Insert(2, "title", "WeightFarcast farcast.yaml");
        schemaNode["required"] = new JsonArray("target", "horizons");
        return schemaNode.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }
}
