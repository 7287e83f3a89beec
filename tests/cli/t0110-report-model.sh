#!/bin/sh
# jixiao report: the report model as JSON, golden for every example under every layout,
# and the default layout from the evaluation's kind.
. "$(dirname "$0")/lib.sh"

for stem in xinfeng-2022-xinxihua jiangyuan-2022-yinshui jiangyuan-2023-yingyang; do
    for layout in 部门评价报告 重点绩效评价报告 项目支出绩效自评表; do
        case $layout in
        部门评价报告) id=dept ;;
        重点绩效评价报告) id=key ;;
        项目支出绩效自评表) id=self ;;
        esac
        run report "$JX_SRC/examples/$stem.yaml" --layout "$layout" -o "$TMP/$stem-$id.json"
        expect_status 0
        expect_contains out "$TMP/$stem-$id.json"
        cp "$TMP/$stem-$id.json" "$TMP/model"
        expect_golden model "report-$stem-$id.json"
    done
done

# Default layout: 部门评价 -> 部门评价报告, 单位自评 -> 项目支出绩效自评表.
run report "$JX_SRC/examples/xinfeng-2022-xinxihua.yaml" -o "$TMP/default.json"
expect_status 0
expect_contains default.json '"layout": "部门评价报告"'
run report "$JX_SRC/examples/jiangyuan-2023-yingyang.yaml" -o "$TMP/default.json" --force
expect_status 0
expect_contains default.json '"layout": "项目支出绩效自评表"'

# Short layout names.
run report "$JX_SRC/examples/jiangyuan-2022-yinshui.yaml" --layout key -o "$TMP/alias.json"
expect_status 0
if cmp -s "$TMP/alias.json" "$GOLDEN/report-jiangyuan-2022-yinshui-key.json"; then ok; else
    fail "--layout key differs from --layout 重点绩效评价报告"
fi

# --format forces the format whatever the extension.
run report "$JX_SRC/examples/xinfeng-2022-xinxihua.yaml" --format json -o "$TMP/model.txt"
expect_status 0
if cmp -s "$TMP/model.txt" "$GOLDEN/report-xinfeng-2022-xinxihua-dept.json"; then ok; else
    fail "--format json differs from the golden model"
fi

# A layout file of one's own.
cat >"$TMP/mine.yaml" <<'YAML'
name: 简要报告
title: "{project}评价摘要"
items:
  - h1: 一、评价结论
  - part: score_summary
    caption: 评价情况总表
  - part: grade_bands
YAML
run report "$JX_SRC/examples/xinfeng-2022-xinxihua.yaml" --layout "$TMP/mine.yaml" -o "$TMP/mine.json"
expect_status 0
expect_contains mine.json '"title": "信息化建设项目评价摘要"'
expect_contains mine.json '评价结果等级分为“优、良、中、差”四个等级'

done_testing
