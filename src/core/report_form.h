/*
 * The published 项目支出绩效自评表 inside a report's text, as it looks once copied out of a
 * PDF or a web page (or read from a .docx table): one cell per line, merged cells present
 * only once (or as blank cells), a blank line where a cell is empty, or several cells on
 * one line separated by tabs. Read: the funding block (年初预算数, 全年预算数, 全年执行数,
 * 分值, 执行率, 得分 of the 年度资金总额 row) and the indicator rows (一级, 二级, 三级指标,
 * 年度指标值, 实际完成值, 分值, 得分, 偏差原因分析及改进措施), and the 总分 row.
 */
#ifndef JX_CORE_REPORT_FORM_H
#define JX_CORE_REPORT_FORM_H

#include <stddef.h>

#include "core/report_extract.h"

/*
 * Fills rx->form from the UTF-8 text[0..len) (form.found stays false when the text holds
 * no such form). Never fails: a cell that does not parse ends the rows read so far.
 */
void report_form_parse(const char *text, size_t len, struct report_extract *rx);

#endif
