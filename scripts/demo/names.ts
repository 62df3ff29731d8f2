/** Chinese names for the demo tree and the case categories. Fictional places, realistic shapes. */

export const CITY = { code: "310000", name: "申江市" } as const;

/** The single district of the demo and district scales; also one of the city's districts. */
export const HOME_DISTRICT = { code: "310115", name: "浦江新区" } as const;

/** The city's 16 districts, codes 310101–310116; the last four without a home are rural (镇/村). */
export const CITY_DISTRICTS: readonly { code: string; name: string; rural: boolean }[] = [
  ["江滨区", false],
  ["明德区", false],
  ["临江区", false],
  ["东湖区", false],
  ["西塘区", false],
  ["南浦区", false],
  ["北苑区", false],
  ["新港区", false],
  ["锦城区", false],
  ["金桥区", false],
  ["望海区", false],
  ["青松区", true],
  ["枫泾区", true],
  ["滨湖区", true],
  [HOME_DISTRICT.name, false],
  ["云溪区", true],
].map(([name, rural], i) => ({
  code: String(310101 + i),
  name: name as string,
  rural: rural as boolean,
}));

export const STREET_STEMS: readonly string[] = [
  "花木",
  "望江",
  "梅林",
  "长青",
  "滨河",
  "新华",
  "康乐",
  "和平",
  "翠湖",
  "凌云",
  "东城",
  "西园",
  "南湖",
  "北岭",
  "光明",
  "兴业",
  "振华",
  "朝阳",
  "金沙",
  "银杏",
  "紫荆",
  "丹桂",
  "青石",
  "石桥",
  "清水",
  "锦江",
  "龙华",
  "凤阳",
  "云台",
  "松涛",
  "柳岸",
  "樱花",
  "海棠",
  "玉兰",
  "芙蓉",
  "蓝湾",
  "天河",
  "文昌",
  "观澜",
  "临港",
];

export const COMMUNITY_STEMS: readonly string[] = [
  "阳光",
  "幸福",
  "和谐",
  "锦绣",
  "春晖",
  "秋实",
  "翠竹",
  "绿洲",
  "东苑",
  "西苑",
  "南苑",
  "北苑",
  "金色",
  "银河",
  "碧水",
  "青枫",
  "晨曦",
  "晓月",
  "星海",
  "书香",
  "荷塘",
  "梧桐",
  "香樟",
  "杨柳",
  "紫薇",
  "百合",
  "兰亭",
  "竹园",
  "桃源",
  "杏花",
  "梨园",
  "枫林",
  "松鹤",
  "鹤鸣",
  "鹿鸣",
  "康桥",
  "安居",
  "乐业",
  "广厦",
  "华庭",
  "名都",
  "雅苑",
  "嘉园",
  "丽景",
  "怡景",
  "悦湖",
  "滨江",
  "沁园",
  "御景",
  "瑞祥",
  "福寿",
  "永安",
  "长乐",
  "太平",
  "同心",
  "育才",
  "文化",
  "春江",
  "新村",
  "馨苑",
];

const DIGITS = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/** 第一网格, 第二网格… */
export function gridName(index: number): string {
  return `第${DIGITS[index + 1] ?? String(index + 1)}网格`;
}

/** A stem, with a numeral once the stems run out (so names stay unique within a parent). */
export function stemName(stems: readonly string[], index: number, suffix: string): string {
  const stem = stems[index % stems.length] as string;
  const round = Math.floor(index / stems.length);
  return round === 0 ? `${stem}${suffix}` : `${stem}${round + 1}${suffix}`;
}

/** Event categories (事件), with the channels that typically find them. */
export const EVENT_CATEGORIES: readonly string[] = [
  "垃圾分类",
  "暴露垃圾",
  "占道经营",
  "违章停车",
  "井盖缺失",
  "道路破损",
  "绿化损毁",
  "路灯故障",
  "乱贴小广告",
  "私搭乱建",
  "消防通道占用",
  "共享单车乱停",
  "积水内涝",
];
export const CAMERA_CATEGORIES: readonly string[] = [
  "占道经营",
  "违章停车",
  "暴露垃圾",
  "共享单车乱停",
  "消防通道占用",
  "乱堆物料",
];
export const SENSOR_CATEGORIES: readonly string[] = [
  "井盖缺失",
  "积水内涝",
  "烟感报警",
  "燃气泄漏报警",
  "水压异常",
  "垃圾满溢",
];
export const APPEAL_CATEGORIES: readonly string[] = [
  "噪声扰民",
  "物业纠纷",
  "邻里纠纷",
  "停车难",
  "供水问题",
  "电梯故障",
  "房屋漏水",
  "环境卫生",
  "加装电梯",
  "油烟扰民",
  "宠物扰民",
  "拖欠工资",
  "群租整治",
  "充电桩安装",
];
export const SERVICE_CATEGORIES: readonly string[] = [
  "低保申请",
  "养老认证",
  "居住证办理",
  "医保参保登记",
  "残疾人补贴",
  "高龄津贴",
  "就业登记",
  "生育登记",
  "老年优待证",
  "临时救助",
  "独生子女证明",
  "房屋租赁备案",
];

/** Deadline in hours for categories that are not the kind's default. */
export const DEADLINE_HOURS: Readonly<Record<string, number>> = {
  井盖缺失: 4,
  燃气泄漏报警: 2,
  烟感报警: 2,
  积水内涝: 12,
  消防通道占用: 24,
  低保申请: 480,
  残疾人补贴: 360,
  临时救助: 120,
  居住证办理: 168,
};

export const SURVEY_COMMENTS = {
  good: [
    "网格员很负责，问题当天就解决了。",
    "社区工作人员态度很好，谢谢！",
    "办事比以前方便多了，手机上就能办。",
    "小区环境越来越好了。",
    "志愿者帮我填的表，很耐心。",
  ],
  neutral: [
    "总体还可以，希望回复再快一点。",
    "有些事情要跑好几趟，希望能一次办好。",
    "希望多开展一些老年人活动。",
    "停车问题还是比较突出。",
  ],
  bad: [
    "反映了好几次都没人管。",
    "电话打不通，等了很久没有回音。",
    "问题处理完又复发了。",
    "办事流程太复杂，材料要交好几遍。",
    "楼下噪声一直没有解决。",
  ],
} as const;
