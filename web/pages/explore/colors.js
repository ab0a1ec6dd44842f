// Colours per label and relationship type, as neo4j/browser/graphstyle.grass gives them
// (web/style_test.go checks that they match).
export default {
  "nodes": {
    "Zone": {
      "color": "#D64541",
      "border": "#A93226",
      "text": "#FFFFFF"
    },
    "Park": {
      "color": "#F39C12",
      "border": "#B9770E",
      "text": "#2A2C34"
    },
    "District": {
      "color": "#F7DC6F",
      "border": "#C9A814",
      "text": "#2A2C34"
    },
    "Region": {
      "color": "#1ABC9C",
      "border": "#117A65",
      "text": "#FFFFFF"
    },
    "Industry": {
      "color": "#3498DB",
      "border": "#21618C",
      "text": "#FFFFFF"
    },
    "Company": {
      "color": "#9B59B6",
      "border": "#6C3483",
      "text": "#FFFFFF"
    },
    "Organization": {
      "color": "#34495E",
      "border": "#1B2631",
      "text": "#FFFFFF"
    },
    "Event": {
      "color": "#E84393",
      "border": "#B0306F",
      "text": "#FFFFFF"
    },
    "Project": {
      "color": "#27AE60",
      "border": "#1E8449",
      "text": "#FFFFFF"
    },
    "Policy": {
      "color": "#00CEC9",
      "border": "#00A29E",
      "text": "#2A2C34"
    },
    "Person": {
      "color": "#A0522D",
      "border": "#6E3B1F",
      "text": "#FFFFFF"
    },
    "Place": {
      "color": "#6D8B74",
      "border": "#4A6350",
      "text": "#FFFFFF"
    },
    "Dataset": {
      "color": "#2C3E50",
      "border": "#17202A",
      "text": "#FFFFFF"
    }
  },
  "relationships": {
    "PART_OF": "#D64541",
    "LOCATED_IN": "#C9A814",
    "FOCUSES_ON": "#3498DB",
    "TARGETS": "#21618C",
    "TARGETS_INVESTORS_FROM": "#1ABC9C",
    "HOSTS": "#9B59B6",
    "SUBSECTOR_OF": "#5DADE2",
    "PARTICIPATED_IN": "#E84393",
    "ORGANIZED": "#B0306F",
    "ISSUED": "#00A29E",
    "SIGNED_PROJECTS": "#E67E22",
    "IMPLEMENTED_IN": "#27AE60",
    "COOPERATES_WITH": "#117A65",
    "LEADS": "#A0522D",
    "MANAGES": "#34495E",
    "APPLIES_TO": "#00CEC9",
    "REPORTED": "#7F8C8D",
    "ANNOUNCED_AT": "#C0392B",
    "APPROVED": "#16A085",
    "GUIDED": "#8E44AD",
    "DEVELOPS": "#6C3483",
    "CONNECTS": "#95A5A6",
    "SERVES": "#D68910",
    "ADJACENT_TO": "#B9770E",
    "MENTIONS": "#D5DBDB",
    "HAS_FACT": "#D5DBDB"
  }
};
