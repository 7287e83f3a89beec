/* Frees a report_extract; every string in it is owned by it. */
#include <stdlib.h>
#include <string.h>

#include "core/report_extract.h"
#include "core/xalloc.h"

void report_extract_release(struct report_extract *rx)
{
    for (size_t i = 0; i < rx->nr_sections; i++) {
        free(rx->sections[i].number);
        free(rx->sections[i].title);
    }
    for (size_t i = 0; i < rx->nr_rows; i++)
        free(rx->rows[i].name);
    for (size_t i = 0; i < rx->nr_amounts; i++)
        free(rx->amounts[i].text);
    for (size_t i = 0; i < rx->nr_rates; i++)
        free(rx->rates[i].text);
    free(rx->sections);
    free(rx->rows);
    free(rx->amounts);
    free(rx->rates);
    free(rx->grade);
    memset(rx, 0, sizeof(*rx));
}
