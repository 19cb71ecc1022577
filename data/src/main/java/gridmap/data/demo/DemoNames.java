package gridmap.data.demo;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** Plausible, invented Chinese names for generated streets, communities, people and roads. */
final class DemoNames {
    private DemoNames() {}

    private static final String[] PLACE_A = {"铜官", "长江", "新城", "友好", "幸福", "鹏程", "天井", "翠湖", "金山",
            "石城", "淮河", "建设", "人民", "和平", "光明", "朝阳", "钟鸣", "顺安", "狮子", "笠帽", "铜山", "东湖",
            "西湖", "南湖", "北斗", "荷花", "桂花", "梅园", "竹园", "杨家", "胥坝", "老洲", "汤沟", "官埠", "义津",
            "横埠", "钱铺", "会宫", "雨坛", "白柳", "金桥", "大通", "陈瑶", "铁板", "灰河", "安定", "五一", "红星",
            "映湖", "滨江", "石洞", "凤凰", "宝山", "青山", "黄山", "白鹤", "月塘", "湖城", "康宁", "解放"};
    private static final String[] PLACE_B = {"", "路", "湾", "岭", "桥", "冲", "洲", "园", "坊", "塘", "圩", "里"};
    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙",
            "马", "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "汪", "方", "章"};
    private static final String[] GIVEN = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳",
            "杰", "涛", "明", "超", "秀英", "建国", "桂兰", "志强", "海燕", "文华", "小红", "春梅", "国庆", "晓东",
            "红霞", "玉兰", "德胜", "建华", "立新", "晓燕", "春生", "丽娟", "永红", "淑芬"};
    private static final String[] ROADS = {"长江路", "淮河路", "义安大道", "石城路", "北京路", "人民路", "建设路",
            "新城大道", "翠湖路", "天井湖路", "铜官大道", "滨江大道", "凤凰山路", "笠帽山路", "东湖路", "友好路"};

    /** count distinct place names with the given suffix (社区, 村, 街道, 镇), reproducible from rng. */
    static List<String> places(Random rng, int count, String suffix, Set<String> taken) {
        Set<String> out = new LinkedHashSet<>();
        int guard = 0;
        while (out.size() < count) {
            String name = PLACE_A[rng.nextInt(PLACE_A.length)] + PLACE_B[rng.nextInt(PLACE_B.length)] + suffix;
            if (++guard > 100_000) name = name + (out.size() + 1);
            if (!taken.contains(name) && out.add(name)) taken.add(name);
        }
        return new ArrayList<>(out);
    }

    /** An index drawn with the given weights (which sum to 1). */
    static int pick(Random rng, double[] weights) {
        double r = rng.nextDouble(), acc = 0;
        for (int i = 0; i < weights.length; i++) { acc += weights[i]; if (r < acc) return i; }
        return weights.length - 1;
    }

    static String person(Random rng) {
        return SURNAMES[rng.nextInt(SURNAMES.length)] + GIVEN[rng.nextInt(GIVEN.length)];
    }

    private static final String[] STREAM = {"河", "溪", "港", "涧", "冲河"};

    /** A distinct name for a small river (溪, 港, …), reproducible from rng. */
    static String stream(Random rng, Set<String> taken) {
        for (int guard = 0; ; guard++) {
            String place = PLACE_A[rng.nextInt(PLACE_A.length)];
            if (place.endsWith("江") || place.endsWith("河")) continue; // no 长江河
            String name = place + STREAM[rng.nextInt(STREAM.length)] + (guard > 1000 ? guard : "");
            if (taken.add(name)) return name;
        }
    }

    static String address(Random rng, String community) {
        return community + " " + ROADS[rng.nextInt(ROADS.length)] + (1 + rng.nextInt(300)) + "号附近";
    }
}
