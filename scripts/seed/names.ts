import type { Rng } from "./random";

/** Common surnames with rough relative frequency (per mille of the population). */
const SURNAMES: readonly (readonly [string, number])[] = [
  ["王", 72],
  ["李", 72],
  ["张", 69],
  ["刘", 54],
  ["陈", 45],
  ["杨", 31],
  ["黄", 22],
  ["赵", 21],
  ["吴", 20],
  ["周", 19],
  ["徐", 15],
  ["孙", 15],
  ["马", 14],
  ["朱", 13],
  ["胡", 12],
  ["郭", 11],
  ["何", 11],
  ["林", 10],
  ["高", 10],
  ["罗", 9],
  ["郑", 9],
  ["梁", 8],
  ["谢", 7],
  ["宋", 6],
  ["唐", 6],
  ["许", 6],
  ["韩", 5],
  ["邓", 5],
  ["冯", 5],
  ["曹", 5],
  ["彭", 5],
  ["曾", 5],
  ["肖", 4],
  ["田", 4],
  ["董", 4],
  ["潘", 4],
  ["袁", 4],
  ["蔡", 4],
  ["蒋", 4],
  ["余", 4],
  ["于", 4],
  ["杜", 3],
  ["叶", 3],
  ["程", 3],
  ["魏", 3],
  ["苏", 3],
  ["吕", 3],
  ["丁", 3],
  ["任", 3],
  ["卢", 3],
  ["姚", 3],
  ["沈", 3],
  ["钟", 3],
  ["姜", 3],
  ["崔", 2],
  ["谭", 2],
  ["陆", 2],
  ["范", 2],
  ["汪", 2],
  ["廖", 2],
  ["石", 2],
  ["金", 2],
  ["韦", 2],
  ["贾", 2],
  ["夏", 2],
  ["付", 2],
  ["方", 2],
  ["邹", 2],
  ["熊", 2],
  ["白", 2],
  ["孟", 2],
  ["秦", 2],
  ["邱", 2],
  ["侯", 2],
  ["江", 2],
  ["尹", 2],
  ["薛", 2],
  ["闫", 2],
  ["段", 2],
  ["雷", 2],
  ["龙", 1],
  ["黎", 1],
  ["史", 1],
  ["陶", 1],
  ["贺", 1],
  ["毛", 1],
  ["郝", 1],
  ["顾", 1],
  ["龚", 1],
  ["邵", 1],
  ["万", 1],
  ["覃", 1],
  ["武", 1],
  ["钱", 1],
  ["戴", 1],
  ["严", 1],
  ["欧阳", 1],
  ["上官", 0.3],
  ["诸葛", 0.2],
];

const MALE_CHARS = [..."伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆旭宁龙林阳建国志文晨博轩睿哲峰毅坤诚亮"];
const FEMALE_CHARS = [..."芳娜敏静丽艳娟霞秀玲桂英婷雪慧琳颖倩洁燕萍红梅莉琴云佳欣怡悦蕾薇晶月雯"];
const MIDDLE_CHARS = [..."子梓思雨嘉晓文建志海春小紫若一语欣可诗家永德玉淑俊明天"];

export function surname(rng: Rng): string {
  return rng.weighted(SURNAMES);
}

/** A plausible full name: surname plus a one- or two-character given name. */
export function personName(rng: Rng, family?: string): string {
  const chars = rng.chance(0.5) ? MALE_CHARS : FEMALE_CHARS;
  const last = rng.pick(chars);
  let given = last;
  if (rng.chance(0.65)) {
    let middle = rng.pick(MIDDLE_CHARS);
    if (middle === last) middle = rng.pick(MIDDLE_CHARS);
    given = middle + last;
  }
  return (family ?? surname(rng)) + given;
}

/** Mainland mobile prefixes in use (China Mobile, Unicom, Telecom, Broadnet). */
const MOBILE_PREFIXES = [
  "130",
  "131",
  "132",
  "133",
  "134",
  "135",
  "136",
  "137",
  "138",
  "139",
  "150",
  "151",
  "152",
  "153",
  "155",
  "156",
  "157",
  "158",
  "159",
  "173",
  "175",
  "176",
  "177",
  "178",
  "180",
  "181",
  "182",
  "183",
  "184",
  "185",
  "186",
  "187",
  "188",
  "189",
  "191",
  "193",
  "195",
  "198",
  "199",
] as const;

/** Numbers 1380000xxxx and 1390000xxxx are kept for seeded staff and the demo logins. */
export function isReservedPhone(phone: string): boolean {
  return phone.startsWith("1380000") || phone.startsWith("1390000");
}

/** A valid 11-digit mainland mobile number not in `taken` (and then added to it). */
export function mobileNumber(rng: Rng, taken: Set<string>): string {
  for (;;) {
    let phone: string = rng.pick(MOBILE_PREFIXES);
    for (let i = 0; i < 8; i++) phone += String(rng.int(0, 9));
    if (!taken.has(phone) && !isReservedPhone(phone)) {
      taken.add(phone);
      return phone;
    }
  }
}

interface City {
  province: string;
  city: string;
  districts: readonly string[];
  roads: readonly string[];
}

export const CITIES: readonly City[] = [
  {
    province: "浙江省",
    city: "杭州市",
    districts: ["西湖区", "滨江区", "拱墅区", "余杭区", "上城区"],
    roads: ["文一西路", "江南大道", "古墩路", "莫干山路", "钱江路", "丰潭路"],
  },
  {
    province: "江苏省",
    city: "南京市",
    districts: ["鼓楼区", "建邺区", "江宁区", "栖霞区"],
    roads: ["江东中路", "河西大街", "双龙大道", "中山北路", "仙林大道"],
  },
  {
    province: "广东省",
    city: "深圳市",
    districts: ["南山区", "福田区", "龙岗区", "宝安区"],
    roads: ["科技园路", "深南大道", "龙岗大道", "宝安大道", "沙河西路"],
  },
  {
    province: "四川省",
    city: "成都市",
    districts: ["武侯区", "高新区", "锦江区", "成华区"],
    roads: ["天府大道", "人民南路", "锦华路", "建设路", "府城大道"],
  },
  {
    province: "湖北省",
    city: "武汉市",
    districts: ["洪山区", "江汉区", "武昌区", "汉阳区"],
    roads: ["珞喻路", "建设大道", "中北路", "汉阳大道", "光谷大道"],
  },
  {
    province: "",
    city: "上海市",
    districts: ["浦东新区", "闵行区", "徐汇区", "宝山区"],
    roads: ["张杨路", "七莘路", "漕溪北路", "牡丹江路", "锦绣路"],
  },
];

export function address(rng: Rng, city: City): string {
  return `${city.province}${city.city}${rng.pick(city.districts)}${rng.pick(city.roads)}${rng.int(1, 120) * 8 + rng.int(0, 7)}号`;
}

const COMMUNITY_HEADS =
  "翠湖 锦绣 碧水 阳光 金色 紫荆 星河 御景 龙湖 世纪 海棠 银杏 蓝湾 枫林 香樟 明珠 滨江 丽景 天悦 华府 绿城 万象 桃源 春晓 云栖 西溪 东方 南山 北辰 清风".split(
    " ",
  );
const COMMUNITY_TAILS = "花园 华庭 雅苑 名邸 家园 公馆 新城 苑 府 湾 里 尚城".split(" ");
const PHASES = ["", "二期", "三期", "四期", "五期", "六期", "七期", "八期", "九期"];

/** The i-th generated community name; distinct for every i (then phases, then numbered). */
export function communityName(i: number): string {
  const combos = COMMUNITY_HEADS.length * COMMUNITY_TAILS.length;
  // Stride through the combinations so neighbours differ in both halves.
  const k = (i * 7) % combos;
  const base =
    COMMUNITY_HEADS[k % COMMUNITY_HEADS.length] +
    COMMUNITY_TAILS[Math.floor(k / COMMUNITY_HEADS.length) % COMMUNITY_TAILS.length];
  const round = Math.floor(i / combos);
  return base + (round < PHASES.length ? PHASES[round] : `${round + 1}期`);
}
